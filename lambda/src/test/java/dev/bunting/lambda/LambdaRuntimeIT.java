package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.bunting.lambda.FunctionProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda runtime contract, for real: the built function jar runs in a JVM of its own under AWS's runtime interface
 * client, by the handler string template.yaml names, driven through a Runtime API served here. So the handler loads by
 * that name, and events and responses (de)serialise as Lambda does them, not only as the test's own Jackson would.
 */
class LambdaRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FunctionProcess function;

    @BeforeAll
    static void startTheFunction() throws IOException {
        function = FunctionProcess.start(TestDatabase.freshDatabase(), List.of());
        function.bootstrapAdmin();
    }

    @AfterAll
    static void stop() throws Exception {
        function.close();
    }

    @Test
    void the_vendored_api_gateway_sample_event_gets_an_api_gateway_response() throws Exception {
        JsonNode response = invoke(FunctionProcess.sample());

        assertThat(response.path("statusCode").asInt()).isEqualTo(404);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(body(response).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void health_answers_through_the_runtime() throws Exception {
        JsonNode response = invoke(request("GET", "/health", "", null, Map.of()));

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(response).path("store").asText()).isEqualTo("up");
    }

    @Test
    void a_flag_made_and_switched_on_through_the_runtime_evaluates_there() throws Exception {
        String token = body(invoke(FunctionProcess.signIn())).path("access_token").asText();
        Map<String, String> admin = Map.of("authorization", "Bearer " + token);

        assertThat(invoke(request("POST", "/flags", "", "{\"key\":\"runtime-flag\"}", admin)).path("statusCode").asInt()).isEqualTo(201);
        assertThat(invoke(request("PATCH", "/flags/runtime-flag/environments/development/toggle", "", "{\"enabled\":true}", admin))
                .path("statusCode").asInt()).isEqualTo(200);
        JsonNode evaluation = invoke(request("GET", "/evaluate/runtime-flag", "environment_key=development&user_id=alice", null, Map.of()));

        assertThat(evaluation.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(evaluation).path("value").asBoolean()).isTrue();
    }

    @Test
    void refusals_keep_their_status_and_problem_body_through_the_runtime() throws Exception {
        JsonNode wrongPassword = invoke(request("POST", "/auth/login", "",
                "{\"email\":\"" + FunctionProcess.ADMIN + "\",\"password\":\"wrong wrong wrong\"}", Map.of()));
        JsonNode anonymousProduction = invoke(request("GET", "/evaluate/anything", "environment_key=production&user_id=alice", null, Map.of()));

        assertThat(wrongPassword.path("statusCode").asInt()).isEqualTo(401);
        assertThat(anonymousProduction.path("statusCode").asInt()).isEqualTo(401);
        assertThat(anonymousProduction.path("headers").path("WWW-Authenticate").asText()).startsWith("Bearer");
    }

    private static JsonNode invoke(String event) throws IOException {
        return JSON.readTree(function.invoke(event));
    }

    private static JsonNode body(JsonNode response) throws IOException {
        return JSON.readTree(response.path("body").asText());
    }
}
