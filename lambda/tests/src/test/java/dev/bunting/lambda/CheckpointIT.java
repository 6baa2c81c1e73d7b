package dev.bunting.lambda;

import static dev.bunting.lambda.ApiGatewayEvents.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.nbvcxz.NbvcxzPasswordStrength;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SnapStart's hooks, driven directly: before the checkpoint no connection to PostgreSQL or Redis survives, whatever
 * requests ran before it; after the restore the function connects again on its first request.
 */
class CheckpointIT {

    private static final String ADMIN = "root@example.com";
    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";

    @Test
    void no_connection_survives_the_checkpoint_and_the_restored_function_connects_again() throws Exception {
        DatabaseUrl database = TestDatabase.migratedDatabase();
        RedisSettings redis = TestRedis.freshNamespace();
        try (PostgresStore store = PostgresStore.connect(database, 2)) {
            new BootstrapAdmin(
                            store,
                            new Argon2PasswordHasher(),
                            new PasswordPolicy(new NbvcxzPasswordStrength()),
                            new RandomIdGenerator(),
                            Clock.systemUTC())
                    .createIfNoUsers(new Email(ADMIN), PASSWORD);
        }
        try {
            ApiFunctions functions = new ApiFunctions(TestSettings.settings(database, Optional.of(redis)));
            assertThat(signIn(functions.management).getStatusCode()).isEqualTo(200);
            assertThat(evaluate(functions.evaluation).getStatusCode()).isEqualTo(200);
            assertThat(functions.management.holdsConnections()).isTrue();
            assertThat(functions.evaluation.holdsConnections()).isTrue();
            assertThat(sessionsOn(database)).isPositive();

            functions.management.beforeCheckpoint(null);
            functions.evaluation.beforeCheckpoint(null);

            assertThat(functions.management.holdsConnections()).isFalse();
            assertThat(functions.evaluation.holdsConnections()).isFalse();
            assertThat(sessionsSettledOn(database))
                    .as("the functions' sessions on their database")
                    .isZero();

            functions.management.afterRestore(null);
            functions.evaluation.afterRestore(null);

            assertThat(evaluate(functions.evaluation).getStatusCode()).isEqualTo(200);
            assertThat(signIn(functions.management).getStatusCode()).isEqualTo(200);
            assertThat(functions.evaluation.holdsConnections()).isTrue();
            assertThat(functions.management.holdsConnections()).isTrue();
        } finally {
            TestRedis.deleteNamespace(redis);
        }
    }

    @Test
    void priming_before_the_checkpoint_does_no_io_so_it_works_where_nothing_answers() {
        ApiFunctions functions = new ApiFunctions(ApiGatewayHandlerTest.NO_DATABASE);

        functions.evaluation.beforeCheckpoint(null);
        functions.management.beforeCheckpoint(null);

        assertThat(functions.evaluation.holdsConnections()).isFalse();
        assertThat(functions.management.holdsConnections()).isFalse();
        assertThat(Priming.run()).as("the synthetic flag served both variants").isBetween(1, Priming.EVALUATIONS - 1);
    }

    private static APIGatewayV2HTTPResponse signIn(ApiGatewayHandler handler) {
        return handler.handleRequest(
                jsonRequest("POST", "/auth/login", "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}"),
                null);
    }

    private static APIGatewayV2HTTPResponse evaluate(ApiGatewayHandler handler) {
        return handler.handleRequest(
                jsonRequest(
                        "POST", "/evaluate", "{\"environment\":\"development\",\"context\":{\"targetingKey\":\"a\"}}"),
                null);
    }

    /** Sessions other than this one on the database. */
    private static int sessionsOn(DatabaseUrl database) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Sessions on the database once closed ones have gone, which takes their backends a moment. */
    private static int sessionsSettledOn(DatabaseUrl database) throws SQLException, InterruptedException {
        int sessions = sessionsOn(database);
        for (int attempt = 0; attempt < 50 && sessions > 0; attempt++) {
            Thread.sleep(50);
            sessions = sessionsOn(database);
        }
        return sessions;
    }
}
