package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.identity.Email;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V10 on a database that has users already: each gets the skeleton Email computes, the older of two lookalikes alone. */
class EmailSkeletonMigrationIT {

    @Test
    void existing_users_get_the_skeleton_the_application_computes_and_lookalikes_made_before_keep_working()
            throws SQLException {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try {
            flyway(database).target("8").load().migrate();
            try (Connection connection = TestDatabase.open(database);
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        INSERT INTO users (id, email, password_hash, role, created_at, credentials_changed_at) VALUES
                          ('u1', 'root@example.com', 'h1', 'admin', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                          ('u2', 'r00t@example.com', 'h2', 'viewer', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z'),
                          ('u3', 'zoë.rné@example.com', 'h3', 'viewer', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z'),
                          ('u4', 'bob1@example.com', 'h4', 'viewer', '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z')""");
            }

            flyway(database).load().migrate();

            Map<String, String> skeletons = new LinkedHashMap<>();
            try (Connection connection = TestDatabase.open(database);
                    PreparedStatement query =
                            connection.prepareStatement("SELECT id, email_skeleton FROM users ORDER BY id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    skeletons.put(rows.getString(1), rows.getString(2));
                }
            }
            assertThat(skeletons)
                    .containsEntry("u1", new Email("root@example.com").skeleton())
                    .containsEntry("u2", null)
                    .containsEntry("u3", new Email("zoë.rné@example.com").skeleton())
                    .containsEntry("u4", new Email("bob1@example.com").skeleton());
        } finally {
            TestDatabase.drop(database);
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DatabaseUrl database) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration");
    }
}
