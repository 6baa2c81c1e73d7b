package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.embedded.DataDirectoryInUseException;
import dev.bunting.adapter.postgres.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API end to end over real HTTP: Undertow, the shared API, use cases and PostgreSQL. */
class LocalRunnerIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalServer server;
    private static final java.util.Map<Integer, String> ADMIN_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";
    private static RunnerSettings shared;

    @BeforeAll
    static void start() {
        shared = settings(Optional.of(TestDatabase.freshDatabase()), Path.of("unused"));
        server = LocalServer.start(withAdmin(shared, "root@example.com"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void health_reports_the_store_up_and_redis_not_configured() throws Exception {
        HttpResponse<String> response = call(server, "GET", "/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("store").asText()).isEqualTo("up");
        assertThat(JSON.readTree(response.body()).path("redis").asText()).isEqualTo("not_configured");
    }

    @Test
    void a_flag_rolled_out_to_30_percent_in_production_serves_about_30_percent_deterministically() throws Exception {
        assertThat(call(server, "POST", "/flags", "{\"key\":\"rollout-e2e\"}").statusCode())
                .isEqualTo(201);
        assertThat(call(server, "PATCH", "/flags/rollout-e2e/environments/production/rollout", "{\"percentage\":30}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(call(server, "PATCH", "/flags/rollout-e2e/environments/production/toggle", "{\"enabled\":true}")
                        .statusCode())
                .isEqualTo(200);

        int on = 0;
        for (int i = 0; i < 400; i++) {
            JsonNode first = evaluate("rollout-e2e", "user-" + i);
            JsonNode again = evaluate("rollout-e2e", "user-" + i);
            assertThat(first.path("reason").asText()).isEqualTo("SPLIT");
            assertThat(again.path("value")).isEqualTo(first.path("value"));
            on += first.path("enabled").asBoolean() ? 1 : 0;
        }
        assertThat(on).isBetween(80, 160);
    }

    @Test
    void targets_and_rules_take_precedence_over_the_rollout() throws Exception {
        call(server, "POST", "/flags", "{\"key\":\"precedence-e2e\"}");
        call(server, "PATCH", "/flags/precedence-e2e/environments/staging/rollout", "{\"percentage\":0}");
        call(server, "PATCH", "/flags/precedence-e2e/environments/staging/toggle", null);
        call(
                server,
                "POST",
                "/flags/precedence-e2e/environments/staging/targets",
                "{\"variant\":\"true\",\"unit\":\"vip\"}");
        HttpResponse<String> config = call(server, "GET", "/flags/precedence-e2e/environments/staging", null);
        String withRule = config.body()
                .replace(
                        "\"rules\":[]",
                        "\"rules\":[{\"id\":\"beta\",\"clauses\":[{\"attribute\":\"group\",\"operator\":\"in\",\"values\":[\"beta\"]}],\"serve\":{\"variant\":\"true\"}}]");
        HttpResponse<String> replaced = call(server, "PUT", "/flags/precedence-e2e/environments/staging", withRule);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);

        JsonNode target =
                JSON.readTree(call(server, "GET", "/evaluate/precedence-e2e?environment_key=staging&user_id=vip", null)
                        .body());
        JsonNode rule = JSON.readTree(call(
                        server,
                        "POST",
                        "/evaluate/precedence-e2e",
                        "{\"environment\":\"staging\",\"context\":{\"targetingKey\":\"u1\",\"group\":\"beta\"}}")
                .body());
        JsonNode rollout =
                JSON.readTree(call(server, "GET", "/evaluate/precedence-e2e?environment_key=staging&user_id=u1", null)
                        .body());

        assertThat(target.path("source").asText()).isEqualTo("USER_OVERRIDE");
        assertThat(rule.path("source").asText()).isEqualTo("RULE:beta");
        assertThat(rule.path("value").asBoolean()).isTrue();
        assertThat(rollout.path("source").asText()).isEqualTo("ROLLOUT");
        assertThat(rollout.path("value").asBoolean()).isFalse();
    }

    @Test
    void a_stale_config_update_gets_409_and_changes_nothing() throws Exception {
        call(server, "POST", "/flags", "{\"key\":\"stale-e2e\"}");
        HttpResponse<String> read = call(server, "GET", "/flags/stale-e2e/environments/production", null);
        call(server, "PATCH", "/flags/stale-e2e/environments/production/toggle", null);

        HttpResponse<String> stale = call(server, "PUT", "/flags/stale-e2e/environments/production", read.body());

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode now = JSON.readTree(call(server, "GET", "/flags/stale-e2e/environments/production", null)
                .body());
        assertThat(now.path("enabled").asBoolean()).isTrue();
        assertThat(now.path("version").asLong()).isEqualTo(1);
    }

    @Test
    void a_body_over_the_limit_gets_413_problem_json() throws Exception {
        String huge = "{\"key\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";

        HttpResponse<String> response = call(server, "POST", "/flags", huge);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void the_embedded_default_keeps_its_data_across_a_restart(@TempDir Path dataDirectory) throws Exception {
        RunnerSettings embedded = withAdmin(settings(Optional.empty(), dataDirectory), "root@example.com");
        try (LocalServer first = LocalServer.start(embedded)) {
            assertThat(call(first, "POST", "/flags", "{\"key\":\"survivor\"}").statusCode())
                    .isEqualTo(201);

            // a second process on the same data, as make-admin run beside the service is, gets one line saying what to
            // do
            Captured<Integer> make_admin = Captured.whileRunning(
                    () -> MakeAdmin.run(embedded, new String[] {"make-admin", "root@example.com"}));
            assertThat(make_admin.result()).isEqualTo(1);
            assertThat(make_admin.err().lines())
                    .singleElement()
                    .asString()
                    .contains("while Bunting runs on it: stop the service");
            assertThatThrownBy(() -> LocalServer.start(embedded)).isInstanceOf(DataDirectoryInUseException.class);
        }
        assertThat(Files.list(dataDirectory.resolve("pg")).count()).isPositive();

        Captured<LocalServer> restart = Captured.whileRunning(() -> LocalServer.start(embedded));
        try (LocalServer second = restart.result()) {
            HttpResponse<String> response = call(second, "GET", "/flags/survivor", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(restart.logged())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("BUNTING_ADMIN_EMAIL is ignored: this installation already has users"));
        }
    }

    @Test
    void the_front_page_links_the_api_for_programs_and_is_the_dashboard_for_people() throws Exception {
        HttpResponse<String> json = send(server, "GET", "/", null, null);
        HttpRequest browser = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .GET()
                .build();
        HttpResponse<String> html = CLIENT.send(browser, HttpResponse.BodyHandlers.ofString());

        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode links = JSON.readTree(json.body()).path("links");
        assertThat(links.path("openapi").asText()).isEqualTo("/openapi.json");
        assertThat(links.path("health").asText()).isEqualTo("/health");
        for (JsonNode link : links) {
            if (!link.asText().contains("{")) {
                assertThat(call(server, "GET", link.asText(), null).statusCode())
                        .as(link.asText())
                        .isNotEqualTo(404);
            }
        }
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(html.body()).contains("<div id=\"app\">", "<a href=\"/openapi.json\">", "<a href=\"/docs\">");
    }

    @Test
    void a_write_without_a_token_is_a_401_and_creates_nothing() throws Exception {
        HttpResponse<String> response = send(server, "POST", "/flags", "{\"key\":\"sneaky\"}", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(call(server, "GET", "/flags/sneaky", null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_configured_first_admin_exists_and_signs_in() throws Exception {
        assertThat(role(login("root@example.com"))).isEqualTo("admin");
    }

    @Test
    void make_admin_promotes_a_registered_user_and_refuses_an_unknown_one() throws Exception {
        call(server, "POST", "/auth/register", "{\"email\":\"carol@example.com\",\"password\":\"" + PASSWORD + "\"}");
        String token = login("carol@example.com");
        assertThat(role(token)).isEqualTo("viewer");

        assertThat(MakeAdmin.run(shared, new String[] {"make-admin", "carol@example.com"}))
                .isZero();
        assertThat(MakeAdmin.run(shared, new String[] {"make-admin", "nobody@example.com"}))
                .isEqualTo(1);
        assertThat(MakeAdmin.run(shared, new String[] {"make-admin"})).isEqualTo(2);

        assertThat(role(token)).isEqualTo("admin");
    }

    private static String login(String email) throws Exception {
        HttpResponse<String> response =
                call(server, "POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static String role(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/auth/me"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return JSON.readTree(CLIENT.send(request, HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("role")
                .asText();
    }

    private static RunnerSettings withAdmin(RunnerSettings settings, String email) {
        return new RunnerSettings(
                settings.port(),
                settings.databaseUrl(),
                settings.dataDirectory(),
                settings.embeddedPort(),
                settings.databasePoolSize(),
                settings.maxBodyBytes(),
                settings.requestLog(),
                settings.jwtSecret(),
                Optional.of(new RunnerSettings.FirstAdmin(new dev.bunting.domain.identity.Email(email), PASSWORD)),
                settings.registration(),
                settings.signInLimits(),
                settings.redis(),
                settings.streamHeartbeat(),
                settings.keyRateLimit(),
                settings.configCache(),
                settings.edge(),
                settings.measurement());
    }

    private static RunnerSettings settings(
            Optional<dev.bunting.adapter.postgres.DatabaseUrl> database, Path dataDirectory) {
        return new RunnerSettings(
                0,
                database,
                dataDirectory.resolve("pg"),
                0,
                4,
                1024 * 1024,
                false,
                Optional.of(
                        "a test secret of at least thirty-two bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Optional.empty(),
                dev.bunting.domain.identity.RegistrationPolicy.OPEN,
                dev.bunting.composition.SignInLimits.STANDARD,
                Optional.empty(),
                java.time.Duration.ofSeconds(15),
                dev.bunting.composition.KeyRateLimit.OFF,
                dev.bunting.composition.ConfigCacheSettings.STANDARD,
                HttpEdge.STANDARD,
                dev.bunting.composition.MeasurementSettings.forServer(
                        new dev.bunting.composition.EnvironmentVariables(java.util.Map.of())));
    }

    private static JsonNode evaluate(String flag, String user) throws IOException, InterruptedException {
        HttpResponse<String> response =
                call(server, "GET", "/evaluate/" + flag + "?environment_key=production&user_id=" + user, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Calls as the configured admin, whose token is fetched once per server. */
    private static HttpResponse<String> call(LocalServer target, String method, String path, String body)
            throws IOException, InterruptedException {
        String token = ADMIN_TOKENS.computeIfAbsent(target.port(), port -> adminToken(target));
        return send(target, method, path, body, "Bearer " + token);
    }

    private static String adminToken(LocalServer target) {
        try {
            HttpResponse<String> login = send(
                    target,
                    "POST",
                    "/auth/login",
                    "{\"email\":\"root@example.com\",\"password\":\"" + PASSWORD + "\"}",
                    null);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            return JSON.readTree(login.body()).path("access_token").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not sign in as the test admin", e);
        }
    }

    private static HttpResponse<String> send(
            LocalServer target, String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + target.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
