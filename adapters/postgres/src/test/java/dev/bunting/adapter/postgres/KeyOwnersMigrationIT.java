package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * V9 gives the keys made before it their owners from the audit trail's key.created entries: a user who made a key owns
 * it, and a key made by a key is owned by that key's owner, however long the chain. A key the trail does not account
 * for keeps no owner. Keys of a deleted environment stay listed.
 */
class KeyOwnersMigrationIT {

    @Test
    void keys_made_before_v9_take_their_owners_from_the_audit_trail() throws SQLException {
        DatabaseUrl database = TestDatabase.freshDatabase();
        migrations(database).target("8").load().migrate();
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO environments (key, name, protected, created_at) VALUES ('qa', 'QA', false, now());
                    INSERT INTO access_keys (id, name, kind, role, environment, prefix, digest, created_at, created_by) VALUES
                        ('k-root', 'root', 'api', 'admin', NULL, 'bnt_api_aaaaaaaa', 'd1', now(), 'alice@example.com'),
                        ('k-child', 'child', 'api', 'admin', NULL, 'bnt_api_bbbbbbbb', 'd2', now(), 'root'),
                        ('k-grandchild', 'grandchild', 'sdk', NULL, 'qa', 'bnt_sdk_cccccccc', 'd3', now(), 'child'),
                        ('k-unknown', 'unknown', 'api', 'viewer', NULL, 'bnt_api_dddddddd', 'd4', now(), 'someone');
                    INSERT INTO audit_log (actor_name, action, before, after, at, actor_kind, actor_id, entity_type, entity_id, environment) VALUES
                        ('alice@example.com', 'key.created', NULL, '{}', now(), 'user', 'u-alice', 'key', 'k-root', NULL),
                        ('root', 'key.created', NULL, '{}', now(), 'api_key', 'k-root', 'key', 'k-child', NULL),
                        ('child', 'key.created', NULL, '{}', now(), 'api_key', 'k-child', 'key', 'k-grandchild', 'qa');
                    """);
        }

        migrations(database).load().migrate();

        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM environments WHERE key = 'qa'");
            Map<String, String> owners = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT id, owner_id FROM access_keys ORDER BY id")) {
                while (rows.next()) {
                    owners.put(rows.getString("id"), rows.getString("owner_id"));
                }
            }
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("k-child", "u-alice");
            expected.put("k-grandchild", "u-alice");
            expected.put("k-root", "u-alice");
            expected.put("k-unknown", null);
            assertThat(owners).containsExactlyEntriesOf(expected);
        }
    }

    private static FluentConfiguration migrations(DatabaseUrl database) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration");
    }
}
