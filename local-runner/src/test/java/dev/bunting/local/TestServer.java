package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.KeyRateLimit;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.domain.identity.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The local runner on a fresh test database with a first admin, called over real HTTP; the database is also read
 * directly, to see what a request left behind.
 */
final class TestServer implements AutoCloseable {

    static final String PASSWORD = "wobbly lanterns ferry sixty owls";
    static final String ADMIN = "root@example.com";
    static final byte[] JWT_SECRET = "a test secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
    static final String ISSUER = "bunting";
    static final String AUDIENCE = "bunting-api";

    private static final Duration STANDARD_HEARTBEAT = Duration.ofSeconds(15);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunnerSettings settings;
    private final DatabaseUrl database;
    private final LocalServer server;
    private final String adminToken;

    private TestServer(RunnerSettings settings, DatabaseUrl database, LocalServer server) {
        this.settings = settings;
        this.database = database;
        this.server = server;
        this.adminToken = signIn(ADMIN);
    }

    static TestServer start() {
        return start(SignInLimits.STANDARD);
    }

    static TestServer start(SignInLimits signInLimits) {
        return start(signInLimits, STANDARD_HEARTBEAT, ConfigCacheSettings.STANDARD, UnaryOperator.identity());
    }

    /** With these timeouts, connection caps and allowed browser origins. */
    static TestServer start(HttpEdge edge) {
        return start(
                SignInLimits.STANDARD,
                STANDARD_HEARTBEAT,
                ConfigCacheSettings.STANDARD,
                UnaryOperator.identity(),
                edge);
    }

    /** With event streams sending a heartbeat this often when they have nothing to say. */
    static TestServer start(Duration streamHeartbeat) {
        return start(SignInLimits.STANDARD, streamHeartbeat, ConfigCacheSettings.STANDARD, UnaryOperator.identity());
    }

    /**
     * With event streams sending a heartbeat this often, and checked keys cached this long, which is also how often
     * streams check their credentials again.
     */
    static TestServer start(Duration streamHeartbeat, Duration keyCacheTtl) {
        return start(
                SignInLimits.STANDARD,
                streamHeartbeat,
                new ConfigCacheSettings(
                        ConfigCacheSettings.STANDARD.timeToLive(),
                        keyCacheTtl,
                        ConfigCacheSettings.STANDARD.environments()),
                UnaryOperator.identity());
    }

    /** Keeping at most this many environments in memory (BUNTING_CACHED_ENVIRONMENTS). */
    static TestServer holding(int environments) {
        ConfigCacheSettings standard = ConfigCacheSettings.STANDARD;
        return start(
                SignInLimits.STANDARD,
                STANDARD_HEARTBEAT,
                new ConfigCacheSettings(standard.timeToLive(), standard.keyTimeToLive(), environments),
                UnaryOperator.identity());
    }

    /** With the server reaching its database at {@code route}'s URL for it, such as a proxy's; the test reads it directly. */
    static TestServer start(SignInLimits signInLimits, UnaryOperator<DatabaseUrl> route) {
        return start(signInLimits, STANDARD_HEARTBEAT, ConfigCacheSettings.STANDARD, route);
    }

    /** Reaching its database through {@code route}, with checked keys cached this long. */
    static TestServer start(UnaryOperator<DatabaseUrl> route, Duration keyCacheTtl) {
        return start(
                SignInLimits.STANDARD,
                STANDARD_HEARTBEAT,
                new ConfigCacheSettings(
                        ConfigCacheSettings.STANDARD.timeToLive(),
                        keyCacheTtl,
                        ConfigCacheSettings.STANDARD.environments()),
                route);
    }

    private static TestServer start(
            SignInLimits signInLimits,
            Duration streamHeartbeat,
            ConfigCacheSettings caches,
            UnaryOperator<DatabaseUrl> route) {
        return start(signInLimits, streamHeartbeat, caches, route, HttpEdge.STANDARD);
    }

    private static TestServer start(
            SignInLimits signInLimits,
            Duration streamHeartbeat,
            ConfigCacheSettings caches,
            UnaryOperator<DatabaseUrl> route,
            HttpEdge edge) {
        DatabaseUrl database = TestDatabase.freshDatabase();
        RunnerSettings settings = new RunnerSettings(
                0,
                Optional.of(route.apply(database)),
                Path.of("unused", "pg"),
                0,
                4,
                1024 * 1024,
                false,
                Optional.of(JWT_SECRET),
                Optional.of(new RunnerSettings.FirstAdmin(new Email(ADMIN), PASSWORD)),
                RegistrationPolicy.OPEN,
                signInLimits,
                Optional.empty(),
                streamHeartbeat,
                KeyRateLimit.OFF,
                caches,
                edge,
                MeasurementSettings.forServer(new EnvironmentVariables(Map.of())));
        return new TestServer(settings, database, LocalServer.start(settings));
    }

    /** Where the server answers, such as {@code http://localhost:41234}. */
    String baseUrl() {
        return "http://localhost:" + server.port();
    }

    /** A user signed in with a role, and the token of that session. */
    record Account(String id, String email, String token) {}

    /** A response, with its body as text. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return TestServer.json(body);
        }

        String text(String field) {
            return json().path(field).asText();
        }

        /** Asserts an RFC 9457 problem with this status, and the bearer challenge a 401 must carry. */
        Reply isProblem(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            assertThat(headers.firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json().path("status").asInt()).isEqualTo(expected);
            if (expected == 401) {
                assertThat(headers.firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            }
            return this;
        }

        Reply isSuccess() {
            assertThat(status).as(body).isBetween(200, 299);
            return this;
        }
    }

    /** Sends with {@code token} as the bearer token, or with no Authorization header when it is null. */
    Reply send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<InputStream> response =
                    CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream received = response.body()) {
                // an event stream never ends by itself: what matters here is that it opened
                boolean stream = response.headers()
                        .firstValue("Content-Type")
                        .filter(type -> type.startsWith("text/event-stream"))
                        .isPresent();
                return new Reply(
                        response.statusCode(),
                        response.headers(),
                        stream ? "" : new String(received.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** Sends as the first admin, and asserts that the admin succeeded: for setting the scene. */
    Reply asAdmin(String method, String path, String body) {
        return send(method, path, body, adminToken).isSuccess();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    Reply login(String email, String password) {
        return send("POST", "/auth/login", credentials(email, password), null);
    }

    String signIn(String email) {
        return login(email, PASSWORD).isSuccess().text("access_token");
    }

    /** Registers a user (a viewer), gives it {@code role} as the admin, and signs it in. */
    Account account(String email, Role role) {
        String id = send("POST", "/auth/register", credentials(email, PASSWORD), null)
                .isSuccess()
                .text("id");
        if (role != Role.VIEWER) {
            asAdmin("PUT", "/auth/users/" + id + "/role", "{\"role\":\"" + role.wireName() + "\"}");
        }
        return new Account(id, email, signIn(email));
    }

    /** Every "METHOD /template" the API routes, from the router of an object graph built as the server builds its own. */
    List<String> routeSignatures() {
        try (LocalDatabase graphDatabase = LocalDatabase.open(settings)) {
            return LocalServer.component(settings, graphDatabase, Optional.empty(), entry -> {})
                    .api()
                    .routeSignatures();
        }
    }

    /** Opens {@code GET pathAndQuery} as an event stream, with these request headers. */
    EventStreamClient stream(String pathAndQuery, Map<String, String> headers) {
        return EventStreamClient.open(CLIENT, URI.create(baseUrl() + pathAndQuery), headers);
    }

    /** How many event streams the server holds open. */
    int openStreams() {
        return server.openStreams();
    }

    /** The first column of what {@code query} finds, as text, each {@code ?} bound to {@code parameter}; read from the database directly. */
    List<String> column(String query, String parameter) {
        try (Connection connection = TestDatabase.open(database);
                PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, parameter);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read with " + query, e);
        }
    }

    long auditEntries() {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM audit_log")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the audit entries", e);
        }
    }

    /** Every row of every table, as text in a stable order: equal before and after a request that changed nothing. */
    String storeContents() {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT quote_ident(tablename) FROM pg_tables "
                    // measurement is written by the runner's flush and refresh timers, whenever they run,
                    // from evaluations served earlier: not a change any one request makes (exposures'
                    // partitions are named exposures_p*)
                    + "WHERE schemaname = current_schema() AND tablename NOT IN ('flyway_schema_history', "
                    + "'evaluation_counts', 'experiment_units', 'stale_rollups', 'experiment_rollups', "
                    + "'experiment_unit_rollups', 'experiment_rollup_parts', 'experiment_rollup_refreshes', "
                    + "'raw_data_horizon') AND tablename NOT LIKE 'exposures%' ORDER BY tablename")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            StringBuilder contents = new StringBuilder();
            for (String table : tables) {
                contents.append(table).append('\n');
                try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
                    while (rows.next()) {
                        contents.append("  ").append(rows.getString(1)).append('\n');
                    }
                }
            }
            return contents.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store's contents", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
