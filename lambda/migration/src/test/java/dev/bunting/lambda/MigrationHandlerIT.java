package dev.bunting.lambda;

import static java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.domain.identity.Email;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration function as CloudFormation's custom resource and by a direct invocation: it migrates, creates the first
 * admin once, and answers CloudFormation's pre-signed URL whatever happens, so that a deploy never waits an hour.
 */
class MigrationHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "root@example.com";
    private static final DatabaseUrl NOWHERE = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:1/bunting?user=bunting");

    /** This test gives every secret directly; reading one from Secrets Manager would be a defect. */
    private static final Supplier<SecretsManagerSecrets> NO_SECRETS_MANAGER = () -> {
        throw new AssertionError("nothing in this test is kept in Secrets Manager");
    };

    /** What the test's stand-in for S3 received: one entry per PUT, its content type and body. */
    private record Answer(String method, String contentType, JsonNode body) {}

    /** A scheduled run's time, as template.yaml's timeout gives it. */
    private static final RemainingTime FULL_TIME = new RemainingTime(Duration.ofMinutes(5));

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private HttpServer responseUrl;

    @BeforeEach
    void serveAResponseUrl() throws IOException {
        responseUrl = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        responseUrl.createContext("/", exchange -> {
            try (exchange) {
                answers.add(new Answer(
                        exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        JSON.readTree(exchange.getRequestBody())));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        responseUrl.start();
    }

    @AfterEach
    void stop() {
        responseUrl.stop(0);
    }

    @Test
    void a_direct_invocation_migrates_creates_the_first_admin_and_a_second_changes_nothing() {
        MigrationHandler handler = handler(TestDatabase.freshDatabase());

        Map<String, String> first = handler.handleRequest(Map.of(), null);
        Map<String, String> second = handler.handleRequest(Map.of(), null);

        assertThat(first.get("applied").split(",")).startsWith("1", "2").hasSizeGreaterThanOrEqualTo(8);
        assertThat(first).containsEntry("first_admin", "created");
        assertThat(second).containsEntry("applied", "").containsEntry("first_admin", "exists");
    }

    @Test
    void the_daily_upkeep_drops_raw_days_past_retention_and_makes_the_coming_days_partitions_without_migrating()
            throws SQLException {
        DatabaseUrl database = TestDatabase.freshDatabase();
        MigrationHandler handler = handler(database);
        handler.handleRequest(Map.of(), null);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusDays(31);
        execute(database, "DROP TABLE IF EXISTS exposures_p" + BASIC_ISO_DATE.format(today));
        execute(
                database,
                "CREATE TABLE exposures_p" + BASIC_ISO_DATE.format(old) + " PARTITION OF exposures FOR VALUES FROM ('"
                        + old + "') TO ('" + old.plusDays(1) + "')");

        Map<String, String> outcome = handler.handleRequest(Map.of("upkeep", "raw-data"), FULL_TIME);

        assertThat(outcome).isEqualTo(Map.of("raw_days_dropped", old.toString(), "rollups_left_stale", "0"));
        assertThat(tableExists(database, "exposures_p" + BASIC_ISO_DATE.format(old)))
                .isFalse();
        assertThat(tableExists(database, "exposures_p" + BASIC_ISO_DATE.format(today)))
                .isTrue();
        assertThat(tableExists(database, "tracked_events_p" + BASIC_ISO_DATE.format(today.plusDays(2))))
                .isTrue();
        assertThat(answers).as("a schedule is no custom resource").isEmpty();
    }

    @Test
    void the_rollups_upkeep_refreshes_stale_rollups_without_migrating() throws SQLException {
        DatabaseUrl database = TestDatabase.freshDatabase();
        MigrationHandler handler = handler(database);
        handler.handleRequest(Map.of(), null);
        execute(database, "INSERT INTO stale_rollups (experiment, day, cause) VALUES ('gone', current_date, 'event')");

        Map<String, String> outcome = handler.handleRequest(Map.of("upkeep", "rollups"), FULL_TIME);

        assertThat(outcome).isEqualTo(Map.of("rollups_refreshed", "1", "rollups_left_stale", "0"));
        assertThat(handler.handleRequest(Map.of("upkeep", "rollups"), FULL_TIME))
                .as("the marks were consumed")
                .isEqualTo(Map.of("rollups_refreshed", "0", "rollups_left_stale", "0"));
        assertThat(answers).as("a schedule is no custom resource").isEmpty();
    }

    @Test
    void upkeep_with_no_more_time_left_than_its_margin_starts_no_refresh_and_drops_no_day() throws SQLException {
        DatabaseUrl database = TestDatabase.freshDatabase();
        MigrationHandler handler = handler(database);
        handler.handleRequest(Map.of(), null);
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(31);
        makeExposurePartition(database, old);
        execute(database, "INSERT INTO stale_rollups (experiment, day, cause) VALUES ('gone', current_date, 'event')");
        RemainingTime margin = new RemainingTime(MigrationHandler.UPKEEP_MARGIN);

        assertThat(handler.handleRequest(Map.of("upkeep", "rollups"), margin))
                .isEqualTo(Map.of("rollups_refreshed", "0", "rollups_left_stale", "1"));
        assertThat(handler.handleRequest(Map.of("upkeep", "raw-data"), margin))
                .as("raw data stays while a rollup computed from it is stale")
                .isEqualTo(Map.of("raw_days_dropped", "", "rollups_left_stale", "1"));
        assertThat(tableExists(database, "exposures_p" + BASIC_ISO_DATE.format(old)))
                .isTrue();
        assertThat(handler.handleRequest(Map.of("upkeep", "raw-data"), FULL_TIME))
                .isEqualTo(Map.of("raw_days_dropped", old.toString(), "rollups_left_stale", "0"));
    }

    @Test
    void a_deploy_makes_the_coming_days_partitions_and_leaves_stale_rollups_and_old_days_to_the_schedules()
            throws SQLException {
        DatabaseUrl database = TestDatabase.freshDatabase();
        MigrationHandler handler = handler(database);
        handler.handleRequest(Map.of(), null);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusDays(31);
        execute(database, "DROP TABLE IF EXISTS tracked_events_p" + BASIC_ISO_DATE.format(today));
        makeExposurePartition(database, old);
        execute(database, "INSERT INTO stale_rollups (experiment, day, cause) VALUES ('gone', current_date, 'event')");

        handler.handleRequest(request("Update"), null);

        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().body().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answers.getFirst().body().at("/Data/partitions_until").asText())
                .isEqualTo(today.plusDays(2).toString());
        assertThat(tableExists(database, "tracked_events_p" + BASIC_ISO_DATE.format(today)))
                .isTrue();
        assertThat(tableExists(database, "exposures_p" + BASIC_ISO_DATE.format(old)))
                .as("dropping old days is the daily schedule's")
                .isTrue();
        assertThat(count(database, "SELECT count(*) FROM stale_rollups"))
                .as("refreshing rollups is the schedules'")
                .isEqualTo(1);
    }

    @Test
    void a_create_request_is_answered_with_success_the_fixed_physical_id_and_what_was_applied() {
        Map<String, String> outcome = handler(TestDatabase.freshDatabase()).handleRequest(request("Create"), null);

        assertThat(answers).hasSize(1);
        Answer answer = answers.getFirst();
        assertThat(answer.method()).isEqualTo("PUT");
        assertThat(answer.contentType())
                .as("the pre-signed URL's signature covers no content type")
                .isNull();
        assertThat(answer.body().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.body().path("PhysicalResourceId").asText())
                .isEqualTo(CloudFormationRequest.PHYSICAL_RESOURCE_ID);
        assertThat(answer.body().path("RequestId").asText()).isEqualTo("request-1");
        assertThat(answer.body().path("StackId").asText())
                .isEqualTo("arn:aws:cloudformation:eu-west-1:123456789012:stack/bunting/1");
        assertThat(answer.body().path("LogicalResourceId").asText()).isEqualTo("DatabaseMigration");
        assertThat(answer.body().path("Data").path("applied").asText())
                .isEqualTo(outcome.get("applied"))
                .startsWith("1,2,");
    }

    @Test
    void a_failed_migration_is_answered_as_failed_with_a_reason_rather_than_left_waiting() {
        Map<String, String> outcome = handler(NOWHERE).handleRequest(request("Update"), null);

        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().body().path("Status").asText()).isEqualTo("FAILED");
        assertThat(answers.getFirst().body().path("Reason").asText())
                .startsWith("the migration failed: ")
                .contains("PostgreSQL");
        assertThat(outcome).containsKey("error");
    }

    @Test
    void deleting_the_stack_answers_success_and_leaves_the_database_alone() {
        handler(NOWHERE).handleRequest(request("Delete"), null);

        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().body().path("Status").asText()).isEqualTo("SUCCESS");
    }

    private Map<String, Object> request(String type) {
        Map<String, Object> event = new HashMap<>();
        event.put("RequestType", type);
        event.put(
                "ResponseURL",
                "http://127.0.0.1:" + responseUrl.getAddress().getPort()
                        + "/cloudformation-response?X-Amz-Signature=abc");
        event.put("StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/bunting/1");
        event.put("RequestId", "request-1");
        event.put("LogicalResourceId", "DatabaseMigration");
        event.put("ResourceType", "Custom::DatabaseMigration");
        event.put(
                "ResourceProperties",
                Map.of("ServiceToken", "arn:aws:lambda:eu-west-1:123456789012:function:migration:live"));
        return event;
    }

    private static void execute(DatabaseUrl database, String sql) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void makeExposurePartition(DatabaseUrl database, LocalDate day) throws SQLException {
        execute(
                database,
                "CREATE TABLE exposures_p" + BASIC_ISO_DATE.format(day) + " PARTITION OF exposures FOR VALUES FROM ('"
                        + day + "') TO ('" + day.plusDays(1) + "')");
    }

    private static long count(DatabaseUrl database, String sql) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean tableExists(DatabaseUrl database, String table) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static MigrationHandler handler(DatabaseUrl database) {
        return new MigrationHandler(
                new MigrationSettings(
                        new DatabaseSettings.WithLogin(database),
                        Optional.of(new MigrationSettings.FirstAdmin(
                                new Email(ADMIN), new StoredSecret.Given("wobbly lanterns ferry sixty owls"))),
                        30),
                NO_SECRETS_MANAGER);
    }
}
