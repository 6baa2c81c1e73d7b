package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.port.AuditPage;
import dev.bunting.domain.port.AuditQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Migration V8 and the deployment README.md describes: migrations run as the schema's owner, the service as the role
 * {@code bunting_app}, which then appends to the audit trail and reads it but can never change or remove an entry, even
 * though it was granted everything on every table beforehand.
 */
class AuditLogAppendOnlyIT {

    private static final String APP_ROLE = "bunting_app";
    private static final String LOCK = "SELECT pg_advisory_%s(hashtext('bunting_app role test'))";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Instant AT = Instant.parse("2026-04-01T12:00:00Z");

    /**
     * Roles belong to the whole server, which other test runs may share: the lock keeps two runs of this test from
     * creating and dropping the role under each other, and a role that was there before is left as it was found.
     */
    @Test
    void
            the_service_running_as_the_app_role_appends_and_reads_the_trail_but_the_role_cannot_update_delete_or_truncate_it()
                    throws SQLException {
        try (Connection server = TestDatabase.openServer();
                Statement serverStatement = server.createStatement()) {
            serverStatement.execute(LOCK.formatted("lock"));
            boolean created = !roleExists(serverStatement);
            if (created) {
                serverStatement.execute("CREATE ROLE " + APP_ROLE + " NOLOGIN");
            }
            DatabaseUrl database = TestDatabase.freshDatabase();
            try {
                grantEverythingByDefault(database);
                TestDatabase.migrate(database);
                DatabaseUrl asApp = actingAs(database, APP_ROLE);

                assertTheStoreWorksAs(asApp);
                assertTheTrailIsAppendOnlyFor(asApp);
            } finally {
                TestDatabase.drop(database);
                if (created) {
                    serverStatement.execute("DROP ROLE " + APP_ROLE);
                }
                serverStatement.execute(LOCK.formatted("unlock"));
            }
        }
    }

    /** As a careless operator would: every table the migrations create is the app role's to do anything with. */
    private static void grantEverythingByDefault(DatabaseUrl database) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            statement.execute("GRANT USAGE ON SCHEMA public TO " + APP_ROLE);
            statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO " + APP_ROLE);
            statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO " + APP_ROLE);
        }
    }

    /** The same database, every session switched to {@code role} as it starts, as if the service had signed in as it. */
    private static DatabaseUrl actingAs(DatabaseUrl database, String role) {
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        return new DatabaseUrl(
                database.jdbcUrl() + separator + "options=-c%20role%3D" + role, database.user(), database.password());
    }

    private static void assertTheStoreWorksAs(DatabaseUrl asApp) {
        Flag flag = new Flag(
                new FlagKey("checkout"),
                "Checkout",
                null,
                List.of(),
                FlagKind.BOOLEAN,
                Flag.booleanVariants(),
                "checkout",
                Flag.TARGETING_KEY,
                1,
                AT,
                AT);
        try (PostgresStore store = PostgresStore.connect(asApp, 2)) {
            store.inTransaction(r -> {
                r.flags().insert(flag);
                r.audit()
                        .record(new AuditEntry(
                                Actor.user("u-1", "alice@example.com"),
                                "flag.created",
                                Entity.flag("checkout"),
                                null,
                                flag,
                                AT));
                return null;
            });

            AuditPage trail = store.inTransaction(
                    r -> r.trail().list(new AuditQuery(null, null, null, null, null, null, null, 10)));
            assertThat(trail.items())
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.action()).isEqualTo("flag.created"));
            boolean deleted = store.inTransaction(r -> r.flags().delete(flag.key(), 1));
            assertThat(deleted).isTrue();
        }
    }

    private static void assertTheTrailIsAppendOnlyFor(DatabaseUrl asApp) throws SQLException {
        try (Connection connection = TestDatabase.open(asApp);
                Statement statement = connection.createStatement()) {
            assertThat(text(statement, "SELECT current_user")).isEqualTo(APP_ROLE);

            assertRefused(statement, "UPDATE audit_log SET action = 'flag.forged'");
            assertRefused(statement, "DELETE FROM audit_log");
            assertRefused(statement, "TRUNCATE audit_log");

            assertThat(text(statement, "SELECT string_agg(action, ',') FROM audit_log"))
                    .isEqualTo("flag.created");
        }
    }

    private static void assertRefused(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql))
                .as(sql)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static boolean roleExists(Statement statement) throws SQLException {
        return text(statement, "SELECT count(*) FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")
                .equals("1");
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
