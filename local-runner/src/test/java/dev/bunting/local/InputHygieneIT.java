package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile text in every kind of field a request carries (JSON values and field names at any depth, path variables,
 * query parameters, header values), sent over HTTP to the runner started as a user starts it, in a process of its own.
 * Control characters are refused with a 400 naming the field, never a 5xx; every line the runner writes is JSON,
 * whatever the requests held, and none holds a password, a password hash or a key's secret or digest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InputHygieneIT {

    private static final String ADMIN = "root@example.com";
    private static final String ADMIN_PASSWORD = "wobbly lanterns ferry sixty owls";
    private static final String NUL = "\u0000";
    private static final String FORGED_LINE =
            "\r\n{\"time\":\"2026-01-01T00:00:00Z\",\"level\":\"SEVERE\",\"message\":\"forged\"}\n";
    private static final String ANSI = "\u001b[31mred\u001b[0m";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DatabaseUrl database;
    private static RunnerProcess runner;
    private static String adminToken;
    private static String apiKeySecret;

    @BeforeAll
    static void startTheRunner() throws Exception {
        database = TestDatabase.freshDatabase();
        runner = RunnerProcess.start(
                database,
                Map.of(
                        "BUNTING_ADMIN_EMAIL",
                        ADMIN,
                        "BUNTING_ADMIN_PASSWORD",
                        ADMIN_PASSWORD,
                        "BUNTING_JWT_SECRET",
                        "a test secret of at least thirty-two bytes"));
        adminToken = JSON.readTree(send("POST", "/auth/login", credentials(ADMIN, ADMIN_PASSWORD), null)
                        .body())
                .path("access_token")
                .asText();
        assertThat(send("POST", "/flags", "{\"key\": \"keep-me\"}", adminToken).statusCode())
                .isEqualTo(201);
        HttpResponse<String> key =
                send("POST", "/keys", "{\"name\": \"ci\", \"kind\": \"api\", \"role\": \"viewer\"}", adminToken);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        apiKeySecret = JSON.readTree(key.body()).path("key").asText();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        TestDatabase.drop(database);
    }

    /** A request carrying hostile text in one field, and the field its 400 must name. */
    record Hostile(String what, String method, String path, Function<ObjectNode, ObjectNode> body, String field) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Hostile> hostileRequests() {
        List<Hostile> cases = new ArrayList<>();
        cases.add(new Hostile(
                "NUL in a flag's name",
                "POST",
                "/flags",
                b -> b.put("key", "a").put("name", "bad" + NUL + "name"),
                "name"));
        cases.add(new Hostile(
                "a bidi override in a flag's name",
                "POST",
                "/flags",
                b -> b.put("key", "a").put("name", "invoice\u202Etxt.exe"),
                "name"));
        cases.add(new Hostile(
                "a bidi isolate in an environment's name",
                "POST",
                "/environments",
                b -> b.put("key", "qa").put("name", "Q\u2067A"),
                "name"));
        cases.add(new Hostile(
                "NUL in a key's name",
                "POST",
                "/keys",
                b -> b.put("name", "ci" + NUL).put("kind", "api").put("role", "viewer"),
                "name"));
        cases.add(new Hostile(
                "NUL in a description",
                "POST",
                "/flags",
                b -> b.put("key", "a").put("description", "a" + NUL + "b"),
                "description"));
        cases.add(new Hostile(
                "an ANSI escape in a description",
                "POST",
                "/flags",
                b -> b.put("key", "a").put("description", ANSI),
                "description"));
        cases.add(new Hostile(
                "NUL in a tag",
                "POST",
                "/flags",
                b -> {
                    b.put("key", "a").putArray("tags").add("ok").add("b" + NUL + "d");
                    return b;
                },
                "tags[1]"));
        cases.add(new Hostile("NUL in a field's name", "POST", "/flags", b -> b.put("ke" + NUL + "y", "a"), ""));
        cases.add(new Hostile(
                "NUL in a context attribute",
                "POST",
                "/evaluate/keep-me",
                b -> {
                    b.put("environment", "production")
                            .putObject("context")
                            .put("targetingKey", "u1")
                            .put("plan", "gold" + NUL);
                    return b;
                },
                "context.plan"));
        cases.add(new Hostile(
                "NUL in an email at registration",
                "POST",
                "/auth/register",
                b -> b.put("email", "nul" + NUL + "@example.com").put("password", "another long passphrase"),
                "email"));
        cases.add(new Hostile(
                "NUL in a password at sign-in",
                "POST",
                "/auth/login",
                b -> b.put("email", ADMIN).put("password", "pass" + NUL + "word"),
                "password"));
        cases.add(new Hostile(
                "NUL in the current password",
                "PUT",
                "/auth/me/password",
                b -> b.put("current_password", NUL).put("new_password", "another long passphrase"),
                "current_password"));
        cases.add(new Hostile("NUL in a path variable", "GET", "/flags/keep%00me", null, "key"));
        cases.add(new Hostile("a line break in a path variable", "GET", "/environments/qa%0d%0a", null, "key"));
        cases.add(new Hostile("NUL in a query parameter", "GET", "/flags?q=%00", null, "q"));
        cases.add(new Hostile("an ANSI escape in an audit filter", "GET", "/audit?actor=%1b%5b2J", null, "actor"));
        cases.add(new Hostile(
                "NUL in a context attribute in the query",
                "GET",
                "/evaluate/keep-me?environment_key=production&user_id=%00",
                null,
                "user_id"));
        cases.add(new Hostile("an unknown query parameter", "GET", "/flags?sneaky=1", null, "sneaky"));
        cases.add(new Hostile(
                "a filter a delete does not apply",
                "DELETE",
                "/flags/keep-me?environment_key=development",
                null,
                "environment_key"));
        return cases;
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostile_text_is_refused_with_a_400_naming_the_field(Hostile hostile) throws Exception {
        String body = hostile.body() == null
                ? null
                : hostile.body().apply(JSON.createObjectNode()).toString();

        HttpResponse<String> response = send(hostile.method(), hostile.path(), body, adminToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo(hostile.field());
    }

    @Order(2)
    @Test
    void a_refused_delete_with_an_unknown_filter_left_the_flag_in_place() throws Exception {
        assertThat(send("DELETE", "/flags/keep-me?environment_key=development", null, adminToken)
                        .statusCode())
                .isEqualTo(400);

        assertThat(send("GET", "/flags/keep-me", null, adminToken).statusCode()).isEqualTo(200);
    }

    @Order(3)
    @Test
    void line_breaks_and_tabs_are_kept_in_descriptions_and_context_attributes_still_come_from_the_query()
            throws Exception {
        String description = "first line\r\nsecond\tline" + FORGED_LINE + "\"quoted\" " + "x".repeat(1_500);
        HttpResponse<String> created = send(
                "POST",
                "/flags",
                JSON.createObjectNode()
                        .put("key", "multi-line")
                        .put("description", description)
                        .toString(),
                adminToken);
        HttpResponse<String> evaluated =
                send("GET", "/evaluate/keep-me?environment_key=production&user_id=u1&plan=gold", null, adminToken);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(send("GET", "/flags/multi-line", null, adminToken)
                                .body())
                        .path("description")
                        .asText())
                .isEqualTo(description);
        assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
    }

    @Order(4)
    @Test
    void text_that_looks_like_log_lines_goes_through_requests_that_are_logged() throws Exception {
        HttpResponse<String> longWrong = send(
                "POST", "/auth/login", credentials(ADMIN, "x".repeat(50_000) + "\"}\n{\"level\":\"SEVERE\"}"), null);
        HttpResponse<String> forgedWrong =
                send("POST", "/auth/login", credentials(ADMIN, "not it" + FORGED_LINE + ANSI), null);
        HttpRequest forgedId = HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/health"))
                .header(
                        "X-Request-Id",
                        "id\",\"status\":200,\"route\":\"/forged\"} {\"x\":\"" + "\\u001b[2J".repeat(500))
                .GET()
                .build();

        assertThat(longWrong.statusCode()).isEqualTo(401);
        assertThat(forgedWrong.statusCode())
                .as("the escape character is refused")
                .isEqualTo(400);
        assertThat(CLIENT.send(forgedId, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isBetween(200, 503);
    }

    @Order(Integer.MAX_VALUE)
    @Test
    void every_line_the_runner_wrote_is_json_and_holds_no_password_hash_or_key() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD, apiKeySecret, "another long passphrase"));
        secrets.addAll(column("SELECT password_hash FROM users"));
        secrets.addAll(column("SELECT digest FROM access_keys"));

        List<String> lines = runner.stopAndReadOutput();

        assertThat(lines)
                .as("the runner wrote its start-up line and request log")
                .hasSizeGreaterThan(hostileRequests().size());
        for (String line : lines) {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(line);
            } catch (IOException e) {
                fail("not a JSON line: " + line, e);
                return;
            }
            assertThat(parsed.isObject()).as(line).isTrue();
            for (String secret : secrets) {
                assertThat(line).as("a secret in the log").doesNotContain(secret);
            }
            assertThat(line).doesNotContain("forged\"}").doesNotContain("$argon2");
        }
        assertThat(lines)
                .anySatisfy(line ->
                        assertThat(line).contains("\"route\":\"/flags\"").contains("\"status\":400"));
        assertThat(lines)
                .as("a request id that is long or not plain is replaced by one of the runner's own")
                .anySatisfy(line ->
                        assertThat(line).contains("\"route\":\"/health\"").contains("\"request_id\":\"local-"))
                .noneSatisfy(line -> assertThat(line).contains("[2J[2J"));
    }

    private static HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String credentials(String email, String password) {
        return JSON.createObjectNode()
                .put("email", email)
                .put("password", password)
                .toString();
    }

    private static List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
