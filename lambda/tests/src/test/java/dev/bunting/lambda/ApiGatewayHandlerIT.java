package dev.bunting.lambda;

import static dev.bunting.lambda.ApiGatewayEvents.jsonRequest;
import static dev.bunting.lambda.ApiGatewayEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.nbvcxz.NbvcxzPasswordStrength;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handler end to end: real API Gateway event JSON in, the shared API on a fresh PostgreSQL database, responses out. */
class ApiGatewayHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ADMIN = "root@example.com";
    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";

    private static ApiFunctions handler;
    private static String adminToken;

    /** A fresh database with one admin (made the way an operator would, on the database), signed in through the handler. */
    @BeforeAll
    static void startOnAFreshDatabase() throws IOException {
        DatabaseUrl database = TestDatabase.migratedDatabase();
        try (PostgresStore store = PostgresStore.connect(database, 2)) {
            new BootstrapAdmin(
                            store,
                            new Argon2PasswordHasher(),
                            new PasswordPolicy(new NbvcxzPasswordStrength()),
                            new RandomIdGenerator(),
                            Clock.systemUTC())
                    .createIfNoUsers(new Email(ADMIN), PASSWORD);
        }
        handler = new ApiFunctions(TestSettings.settings(database, java.util.Optional.empty()));
        APIGatewayV2HTTPResponse login = handler.handle(
                jsonRequest("POST", "/auth/login", "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(200);
        adminToken = body(login).path("access_token").asText();
    }

    /** Sends as the admin unless the event carries its own credentials. */
    private static APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        if (event.getHeaders() != null) {
            event.getHeaders().putIfAbsent("authorization", "Bearer " + adminToken);
        }
        APIGatewayV2HTTPResponse response = handler.handle(event);
        assertThat(response.getIsBase64Encoded()).isFalse();
        return response;
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws IOException {
        return JSON.readTree(response.getBody());
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status) throws IOException {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).path("status").asInt()).isEqualTo(status);
    }

    private static void createFlag(String key) {
        assertThat(send(jsonRequest("POST", "/flags", "{\"key\":\"" + key + "\"}"))
                        .getStatusCode())
                .isEqualTo(201);
    }

    @Test
    void ofrep_bulk_answers_name_no_event_stream_since_lambda_cannot_hold_one_open() throws IOException {
        createFlag("streamless");
        APIGatewayV2HTTPEvent bulk =
                jsonRequest("POST", "/ofrep/v1/evaluate/flags", "{\"context\":{\"targetingKey\":\"alice\"}}");
        bulk.getHeaders().put("x-bunting-environment", "staging");

        APIGatewayV2HTTPResponse response = send(bulk);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).has("flags")).isTrue();
        assertThat(body(response).has("eventStreams")).isFalse();
    }

    @Test
    void health_is_ok_once_the_store_answers() throws IOException {
        APIGatewayV2HTTPResponse response = send(request("GET", "/health", ""));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(body(response).path("store").asText()).isEqualTo("up");
        assertThat(body(response).path("redis").asText()).isEqualTo("not_configured");
    }

    @Test
    void the_vendored_sample_event_as_it_is_gets_a_client_error_not_a_server_error() throws IOException {
        APIGatewayV2HTTPResponse response = send(ApiGatewayEvents.sample());

        assertThat(response.getStatusCode()).isIn(404, 415);
        assertProblem(response, response.getStatusCode());
    }

    @Test
    void a_flag_created_rolled_out_and_switched_on_splits_users_stably() throws IOException {
        APIGatewayV2HTTPResponse created = send(jsonRequest("POST", "/flags", "{\"key\":\"new-checkout\"}"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders())
                .containsEntry("Content-Type", "application/json")
                .containsKey("ETag")
                .containsEntry("Location", "/flags/new-checkout");
        assertThat(body(created).path("key").asText()).isEqualTo("new-checkout");

        APIGatewayV2HTTPResponse rolledOut = send(
                jsonRequest("PATCH", "/flags/new-checkout/environments/production/rollout", "{\"percentage\":30}"));
        assertThat(rolledOut.getStatusCode()).isEqualTo(200);
        assertThat(rolledOut.getHeaders())
                .containsEntry("Content-Type", "application/json")
                .containsKey("ETag");

        APIGatewayV2HTTPResponse toggled =
                send(jsonRequest("PATCH", "/flags/new-checkout/environments/production/toggle", "{\"enabled\":true}"));
        assertThat(toggled.getStatusCode()).isEqualTo(200);
        assertThat(toggled.getHeaders().get("ETag"))
                .isNotEqualTo(rolledOut.getHeaders().get("ETag"));

        APIGatewayV2HTTPResponse evaluated =
                send(request("GET", "/evaluate/new-checkout", "environment_key=production&user_id=alice"));
        assertThat(evaluated.getStatusCode()).isEqualTo(200);
        assertThat(evaluated.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode evaluation = body(evaluated);
        assertThat(evaluation.path("reason").asText()).isEqualTo("SPLIT");
        assertThat(evaluation.path("value").isBoolean()).isTrue();

        for (int i = 0; i < 3; i++) {
            assertThat(body(send(request("GET", "/evaluate/new-checkout", "environment_key=production&user_id=alice"))))
                    .isEqualTo(evaluation);
        }
        // the same query, percent-encoded: decoded before the API sees it, so the same user and the same answer
        assertThat(body(send(request("GET", "/evaluate/new-checkout", "environment%5Fkey=production&user_id=al%69ce"))))
                .isEqualTo(evaluation);
    }

    @Test
    void a_base64_encoded_body_is_decoded() throws IOException {
        APIGatewayV2HTTPEvent event = jsonRequest(
                "POST",
                "/flags",
                Base64.getEncoder()
                        .encodeToString(
                                "{\"key\":\"base64-body\",\"name\":\"Façade\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = send(event);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(body(response).path("name").asText()).isEqualTo("Façade");
    }

    @Test
    void a_large_answer_to_a_client_that_accepts_gzip_is_gzipped_and_sent_as_base64_and_others_get_text()
            throws IOException {
        for (int i = 0; i < 12; i++) {
            createFlag("compressed-" + i);
        }
        APIGatewayV2HTTPEvent plainRequest = request("GET", "/flags", "");
        plainRequest.getHeaders().put("authorization", "Bearer " + adminToken);
        APIGatewayV2HTTPResponse plain = handler.handle(plainRequest);
        APIGatewayV2HTTPEvent gzipRequest = request("GET", "/flags", "");
        gzipRequest.getHeaders().put("authorization", "Bearer " + adminToken);
        gzipRequest.getHeaders().put("accept-encoding", "gzip, deflate");

        APIGatewayV2HTTPResponse gzipped = handler.handle(gzipRequest);

        assertThat(plain.getIsBase64Encoded()).isFalse();
        assertThat(plain.getHeaders()).doesNotContainKey("Content-Encoding").containsEntry("Vary", "Accept-Encoding");
        assertThat(gzipped.getStatusCode()).isEqualTo(200);
        assertThat(gzipped.getIsBase64Encoded()).isTrue();
        assertThat(gzipped.getHeaders())
                .containsEntry("Content-Encoding", "gzip")
                .containsEntry("Vary", "Accept-Encoding");
        byte[] decoded = new GZIPInputStream(
                        new ByteArrayInputStream(Base64.getDecoder().decode(gzipped.getBody())))
                .readAllBytes();
        assertThat(JSON.readTree(decoded)).isEqualTo(body(plain));
        assertThat(Base64.getDecoder().decode(gzipped.getBody()).length)
                .isLessThan(plain.getBody().length() / 3);
    }

    @Test
    void a_percent_encoded_path_segment_is_decoded_by_the_api() throws IOException {
        createFlag("encoded-path");

        APIGatewayV2HTTPResponse response = send(request("GET", "/flags/encoded%2Dpath", ""));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders())
                .containsEntry("Content-Type", "application/json")
                .containsKey("ETag");
        assertThat(body(response).path("key").asText()).isEqualTo("encoded-path");
    }

    @Test
    void an_unknown_route_is_a_404_problem() throws IOException {
        assertProblem(send(request("GET", "/no/such/route", "")), 404);
    }

    @Test
    void a_known_route_with_the_wrong_method_is_a_405_that_says_which_methods_are_allowed() throws IOException {
        APIGatewayV2HTTPResponse response = send(request("PATCH", "/flags", ""));

        assertProblem(response, 405);
        assertThat(response.getHeaders().get("Allow")).contains("GET").contains("POST");
    }

    @Test
    void head_is_get_without_the_body_and_every_answer_says_nosniff_and_no_store() throws IOException {
        APIGatewayV2HTTPResponse get = send(request("GET", "/health", ""));
        APIGatewayV2HTTPResponse head = send(request("HEAD", "/health", ""));

        assertThat(head.getStatusCode()).isEqualTo(200);
        assertThat(head.getBody()).isEmpty();
        assertThat(head.getHeaders())
                .containsEntry(
                        "Content-Length", Integer.toString(get.getBody().getBytes(StandardCharsets.UTF_8).length));
        for (APIGatewayV2HTTPResponse response : new APIGatewayV2HTTPResponse[] {get, head}) {
            assertThat(response.getHeaders())
                    .containsEntry("X-Content-Type-Options", "nosniff")
                    .containsEntry("Cache-Control", "no-store");
        }
    }

    /** API Gateway answers CORS in front of the function (the template's CorsConfiguration), so the API allows no origin itself. */
    @Test
    void options_says_what_is_allowed_and_leaves_cors_to_api_gateway() {
        APIGatewayV2HTTPEvent preflight = request("OPTIONS", "/flags", "");
        preflight.getHeaders().put("origin", "https://app.example.com");
        preflight.getHeaders().put("access-control-request-method", "POST");

        APIGatewayV2HTTPResponse response = send(preflight);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders().get("Allow")).contains("GET", "POST", "HEAD", "OPTIONS");
        assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void each_request_writes_one_json_log_line_with_its_request_id_and_route() throws IOException {
        APIGatewayV2HTTPEvent event = request("GET", "/health", "");
        event.getRequestContext().setRequestId("log-check-1");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            send(event);
        } finally {
            System.setOut(original);
        }

        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines[0]);
        assertThat(line.path("request_id").asText()).isEqualTo("log-check-1");
        assertThat(line.path("route").asText()).isEqualTo("/health");
        assertThat(line.path("status").asInt()).isEqualTo(200);
    }
}
