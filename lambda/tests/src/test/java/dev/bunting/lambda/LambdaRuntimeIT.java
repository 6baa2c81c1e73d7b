package dev.bunting.lambda;

import static dev.bunting.lambda.FunctionProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Lambda runtime contract, for real: each of template.yaml's functions runs from the jar its CodeUri names, in a JVM
 * of its own under AWS's runtime interface client, by its handler string, driven through a Runtime API served here. So
 * each handler loads by that name from its own lean jar, and events and responses (de)serialise as Lambda does them,
 * not only as the test's own Jackson would. The evaluation jar holds no Argon2, Flyway or token-creating classes, so its
 * answering proves it never needs them.
 */
class LambdaRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FunctionProcess management;
    private static FunctionProcess evaluation;
    private static JsonNode migration;

    /** As a deploy does: the migration function first, by a direct invocation; then the API functions. */
    @BeforeAll
    static void deploy() throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (FunctionProcess migrating = FunctionProcess.start(FunctionProcess.MIGRATION, database, List.of())) {
            migration = JSON.readTree(migrating.invoke("{}"));
        }
        management = FunctionProcess.start(FunctionProcess.MANAGEMENT, database, List.of());
        evaluation = FunctionProcess.start(FunctionProcess.EVALUATION, database, List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        management.close();
        evaluation.close();
    }

    @Test
    void the_migration_function_applies_every_migration_and_creates_the_first_admin() {
        assertThat(migration.path("applied").asText().split(","))
                .startsWith("1")
                .hasSizeGreaterThanOrEqualTo(8);
        assertThat(migration.path("first_admin").asText()).isEqualTo("created");
    }

    @Test
    void the_vendored_api_gateway_sample_event_gets_an_api_gateway_response() throws Exception {
        JsonNode response = invoke(management, FunctionProcess.sample());

        assertThat(response.path("statusCode").asInt()).isEqualTo(404);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(body(response).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void health_answers_through_the_runtime() throws Exception {
        JsonNode response = invoke(management, request("GET", "/health", "", null, Map.of()));

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(response).path("store").asText()).isEqualTo("up");
    }

    /**
     * Without Redis each function keeps an environment's configs for up to a minute, so this test evaluates only in
     * environments no other test reads: development, and staging with a user's token, which the evaluation function
     * checks though staging is public.
     */
    @Test
    void a_flag_made_and_switched_on_through_the_management_function_evaluates_on_the_evaluation_function()
            throws Exception {
        Map<String, String> admin = Map.of("authorization", "Bearer " + signIn());

        assertThat(invoke(management, request("POST", "/flags", "", "{\"key\":\"runtime-flag\"}", admin))
                        .path("statusCode")
                        .asInt())
                .isEqualTo(201);
        assertThat(invoke(
                                management,
                                request(
                                        "PATCH",
                                        "/flags/runtime-flag/environments/development/toggle",
                                        "",
                                        "{\"enabled\":true}",
                                        admin))
                        .path("statusCode")
                        .asInt())
                .isEqualTo(200);
        JsonNode anonymous = invoke(
                evaluation,
                request("GET", "/evaluate/runtime-flag", "environment_key=development&user_id=alice", null, Map.of()));
        JsonNode withToken = invoke(
                evaluation,
                request(
                        "POST",
                        "/ofrep/v1/evaluate/flags/runtime-flag",
                        "environment=staging",
                        "{\"context\":{\"targetingKey\":\"alice\"}}",
                        admin));

        assertThat(anonymous.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(anonymous).path("value").asBoolean()).isTrue();
        assertThat(withToken.path("statusCode").asInt())
                .as("a user's token verified on the evaluation function: %s", withToken)
                .isEqualTo(200);
    }

    @Test
    void refusals_keep_their_status_and_problem_body_through_the_runtime() throws Exception {
        JsonNode wrongPassword = invoke(
                management,
                request(
                        "POST",
                        "/auth/login",
                        "",
                        "{\"email\":\"" + FunctionProcess.ADMIN + "\",\"password\":\"wrong wrong wrong\"}",
                        Map.of()));
        JsonNode anonymousProduction = invoke(
                evaluation,
                request("GET", "/evaluate/anything", "environment_key=production&user_id=alice", null, Map.of()));
        JsonNode forgedToken = invoke(
                evaluation,
                request(
                        "GET",
                        "/evaluate/anything",
                        "environment_key=production&user_id=alice",
                        null,
                        Map.of("authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")));

        assertThat(wrongPassword.path("statusCode").asInt()).isEqualTo(401);
        assertThat(anonymousProduction.path("statusCode").asInt()).isEqualTo(401);
        assertThat(anonymousProduction.path("headers").path("WWW-Authenticate").asText())
                .startsWith("Bearer");
        assertThat(forgedToken.path("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void each_api_function_answers_only_its_own_routes() throws Exception {
        assertThat(invoke(evaluation, request("GET", "/flags", "", null, Map.of()))
                        .path("statusCode")
                        .asInt())
                .isEqualTo(404);
        assertThat(invoke(
                                management,
                                request(
                                        "GET",
                                        "/evaluate/anything",
                                        "environment_key=development&user_id=alice",
                                        null,
                                        Map.of()))
                        .path("statusCode")
                        .asInt())
                .isEqualTo(404);
    }

    private static String signIn() throws IOException {
        return body(invoke(management, FunctionProcess.signIn()))
                .path("access_token")
                .asText();
    }

    private static JsonNode invoke(FunctionProcess function, String event) throws IOException {
        return JSON.readTree(function.invoke(event));
    }

    private static JsonNode body(JsonNode response) throws IOException {
        return JSON.readTree(response.path("body").asText());
    }
}
