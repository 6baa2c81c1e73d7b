package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OFREP endpoints, each answer checked against the vendored OFREP document's schemas. */
class OfrepApiTest {

    private static final String SINGLE = "/ofrep/v1/evaluate/flags/";
    private static final String BULK = "/ofrep/v1/evaluate/flags";
    private static final Map<String, String> DEVELOPMENT = Map.of("X-Bunting-Environment", "development");

    private final TestApi api = new TestApi();

    @Test
    void the_vendored_document_is_the_shared_one() throws IOException {
        Path shared = (System.getenv("BUNTING_SHARED_DIR") != null
                        ? Path.of(System.getenv("BUNTING_SHARED_DIR"))
                        : Path.of("../../../shared"))
                .resolve("vendor-data/ofrep/openapi.yaml");
        assumeTrue(
                Files.exists(shared),
                "no shared OFREP document at " + shared + " to compare with; the copy is used as it is");
        try (InputStream copy = OfrepSchema.class.getResourceAsStream(OfrepSchema.RESOURCE)) {
            assertThat(copy.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
        }
    }

    @Test
    void the_schema_check_rejects_what_the_document_forbids() {
        assertThat(OfrepSchema.violations(
                        "serverEvaluationSuccess", json("{\"key\":\"x\",\"reason\":\"DEFAULT\",\"value\":true}")))
                .isNotEmpty();
        assertThat(OfrepSchema.violations("evaluationFailure", json("{\"key\":\"x\",\"errorCode\":\"TYPE_MISMATCH\"}")))
                .isNotEmpty();
        assertThat(OfrepSchema.violations(
                        "serverEvaluationSuccess", json("{\"key\":\"x\",\"reason\":\"STATIC\",\"value\":true}")))
                .isEmpty();
    }

    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml #/components/schemas/evaluationSuccess reason",
            text =
                    "An OpenFeature reason code indicating why the flag was evaluated to this value. See https://openfeature.dev/specification/types/#resolution-reason for reason code definitions.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.5",
            text =
                    "The `provider` SHOULD populate the `resolution details` structure's `reason` field with `\"STATIC\"`, `\"DEFAULT\",` `\"TARGETING_MATCH\"`, `\"SPLIT\"`, `\"CACHED\"`, `\"DISABLED\"`, `\"UNKNOWN\"`, `\"STALE\"`, `\"ERROR\"` or some other string indicating the semantic reason for the returned flag value.")
    @Test
    void booleans_strings_numbers_and_objects_evaluate_with_openfeature_reasons() {
        api.createBooleanFlag("dark-mode");
        api.toggle("dark-mode", "development", true);
        api.createColourFlag("banner");
        api.call("POST", "/flags/banner/environments/development/targets", "{\"variant\":\"green\",\"unit\":\"vip\"}");
        api.toggle("banner", "development", true);
        created(
                "{\"key\":\"price\",\"kind\":\"number\",\"variants\":[{\"key\":\"low\",\"value\":0.5},{\"key\":\"high\",\"value\":2.5}]}");
        api.toggle("price", "development", true);
        created(
                "{\"key\":\"layout\",\"kind\":\"json\",\"variants\":[{\"key\":\"two\",\"value\":{\"columns\":2}},{\"key\":\"three\",\"value\":{\"columns\":3}}]}");
        api.toggle("layout", "development", true);

        JsonNode darkMode = success("dark-mode", "{\"context\":{\"targetingKey\":\"alice\"}}");
        JsonNode banner = success("banner", "{\"context\":{\"targetingKey\":\"vip\"}}");
        JsonNode price = success("price", "{\"context\":{\"targetingKey\":\"alice\"}}");
        JsonNode layout = success("layout", "{\"context\":{\"targetingKey\":\"alice\"}}");

        assertThat(darkMode.path("value").isBoolean()).isTrue();
        assertThat(darkMode.path("reason").asText()).isEqualTo("STATIC");
        assertThat(banner.path("value").asText()).isEqualTo("green");
        assertThat(banner.path("variant").asText()).isEqualTo("green");
        assertThat(banner.path("reason").asText()).isEqualTo("TARGETING_MATCH");
        assertThat(price.path("value").isNumber()).isTrue();
        assertThat(layout.path("value").path("columns").isInt()).isTrue();
    }

    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml #/components/schemas/evaluationSuccess reason",
            text = "enum: [STATIC, TARGETING_MATCH, SPLIT, DISABLED, UNKNOWN]")
    @Test
    void a_fallthrough_after_rules_is_unknown_with_the_real_reason_in_the_metadata() {
        api.createColourFlag("banner");
        api.call("POST", "/flags/banner/environments/development/targets", "{\"variant\":\"green\",\"unit\":\"vip\"}");
        api.toggle("banner", "development", true);

        JsonNode answer = success("banner", "{\"context\":{\"targetingKey\":\"someone-else\"}}");

        assertThat(answer.path("reason").asText()).isEqualTo("UNKNOWN");
        assertThat(answer.path("metadata").path("reason").asText()).isEqualTo("DEFAULT");
    }

    @Test
    void a_flag_that_is_off_is_disabled() {
        api.createBooleanFlag("dark-mode");

        assertThat(success("dark-mode", "{\"context\":{\"targetingKey\":\"alice\"}}")
                        .path("reason")
                        .asText())
                .isEqualTo("DISABLED");
    }

    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml #/components/schemas/evaluationFailure errorCode",
            text = "OpenFeature compatible error code indicating the type of error.")
    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml POST /ofrep/v1/evaluate/flags/{key} 400",
            text = "Bad evaluation request. The request is malformed or contains invalid context.")
    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml POST /ofrep/v1/evaluate/flags/{key} 404",
            text = "Flag not found. The specified flag key does not exist in the flag management system.")
    @Test
    void failures_carry_the_ofrep_error_codes_and_status_codes() {
        api.createBooleanFlag("rollout");
        api.call("PATCH", "/flags/rollout/environments/development/rollout", "{\"percentage\":30}");
        api.toggle("rollout", "development", true);

        failure(SINGLE + "nowhere", "{\"context\":{\"targetingKey\":\"a\"}}", 404, "flagNotFound", "FLAG_NOT_FOUND");
        failure(SINGLE + "rollout", "{\"context\":{}}", 400, "evaluationFailure", "TARGETING_KEY_MISSING");
        failure(
                SINGLE + "rollout",
                "{\"context\":{\"targetingKey\":{\"id\":42}}}",
                400,
                "evaluationFailure",
                "INVALID_CONTEXT");
        failure(SINGLE + "rollout", "{\"context\":\"alice\"}", 400, "evaluationFailure", "INVALID_CONTEXT");
        failure(SINGLE + "rollout", "{}", 400, "evaluationFailure", "INVALID_CONTEXT");
        failure(SINGLE + "rollout", "{\"context\":", 400, "evaluationFailure", "PARSE_ERROR");
        failure(BULK, "not json", 400, "bulkEvaluationFailure", "PARSE_ERROR");
    }

    @Test
    void the_environment_comes_from_the_sdk_key_or_must_be_named() {
        api.createBooleanFlag("dark-mode");
        String productionKey = api.call(
                        "POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");
        String body = "{\"context\":{\"targetingKey\":\"alice\"}}";

        TestApi.Reply withKey = api.call("POST", SINGLE + "dark-mode", body, Map.of("X-API-Key", productionKey));
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(api.call("POST", BULK, body, Map.of("Authorization", "Bearer " + productionKey))
                        .status())
                .isEqualTo(200);

        api.call(
                        "POST",
                        SINGLE + "dark-mode",
                        body,
                        Map.of("X-API-Key", productionKey, "X-Bunting-Environment", "staging"))
                .isProblem(403);
        api.callAnonymously("POST", SINGLE + "dark-mode?environment=production", body)
                .isProblem(401);
        assertThat(api.callAnonymously("POST", SINGLE + "dark-mode?environment=staging", body)
                        .status())
                .isEqualTo(200);
        TestApi.Reply unnamed = api.callAnonymously("POST", BULK, body);
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.text("errorCode")).isEqualTo("GENERAL");
        assertThat(OfrepSchema.violations("bulkEvaluationFailure", unnamed.json()))
                .isEmpty();
        assertThat(api.callAnonymously("POST", BULK + "?environment=moon", body).status())
                .isEqualTo(400);
    }

    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml POST /ofrep/v1/evaluate/flags If-None-Match",
            text =
                    "Optional ETag value from a previous bulk evaluation response. If provided and the ETag matches the current flag set, the server will return a 304 Not Modified response, indicating that flags haven't changed since the last evaluation.")
    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml POST /ofrep/v1/evaluate/flags 304",
            text =
                    "Not Modified. The flags haven't changed since the last evaluation (ETag matches). No response body is returned.")
    @Test
    void bulk_evaluation_lists_every_flag_and_answers_304_only_for_the_same_flags_and_the_same_context() {
        api.createBooleanFlag("dark-mode");
        api.createBooleanFlag("rollout");
        api.call("PATCH", "/flags/rollout/environments/development/rollout", "{\"percentage\":30}");
        api.toggle("rollout", "development", true);
        String alice = "{\"context\":{\"targetingKey\":\"alice\"}}";

        TestApi.Reply first = api.call("POST", BULK, alice, DEVELOPMENT);
        assertThat(first.status()).isEqualTo(200);
        assertThat(OfrepSchema.violations("bulkEvaluationSuccess", first.json()))
                .isEmpty();
        assertThat(first.json().path("flags").findValuesAsText("key")).containsExactly("dark-mode", "rollout");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");

        TestApi.Reply unchanged =
                api.call("POST", BULK, alice, Map.of("X-Bunting-Environment", "development", "If-None-Match", etag));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(etag);

        TestApi.Reply otherContext = api.call(
                "POST",
                BULK,
                "{\"context\":{\"targetingKey\":\"bob\"}}",
                Map.of("X-Bunting-Environment", "development", "If-None-Match", etag));
        assertThat(otherContext.status()).isEqualTo(200);
        assertThat(otherContext.header("ETag")).isNotEqualTo(etag);

        api.toggle("dark-mode", "development", true);
        TestApi.Reply afterChange =
                api.call("POST", BULK, alice, Map.of("X-Bunting-Environment", "development", "If-None-Match", etag));
        assertThat(afterChange.status()).isEqualTo(200);
        assertThat(afterChange.header("ETag")).isNotEqualTo(etag);
    }

    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml #/components/schemas/bulkEvaluationSuccess eventStreams",
            text =
                    "Optional array of real-time change notification connections. When present, the provider should connect to any entries with a known type and re-fetch flag evaluations when notified of changes.")
    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml #/components/schemas/eventStreamEndpoint requestUri",
            text = "The path + query portion of the endpoint URL. Must start with `/`.")
    @Test
    void where_the_transport_streams_bulk_answers_point_at_the_environments_event_stream_without_the_key() {
        TestApi streaming = new TestApi(new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, true));
        streaming.createBooleanFlag("dark-mode");
        String productionKey = streaming
                .call("POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");

        TestApi.Reply reply = streaming.call(
                "POST", BULK, "{\"context\":{\"targetingKey\":\"alice\"}}", Map.of("X-API-Key", productionKey));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(OfrepSchema.violations("bulkEvaluationSuccess", reply.json()))
                .isEmpty();
        assertThat(reply.json().path("eventStreams")).hasSize(1);
        JsonNode stream = reply.json().path("eventStreams").get(0);
        assertThat(stream.path("type").asText()).isEqualTo("sse");
        String requestUri = stream.path("endpoint").path("requestUri").asText();
        assertThat(requestUri).isEqualTo("/sdk/stream?environment=production");
        assertThat(reply.json().toString()).doesNotContain(productionKey);
        assertThat(streaming.openStream(requestUri, Map.of("X-API-Key", productionKey)))
                .isInstanceOf(StreamOpening.Opened.class);
    }

    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml #/components/schemas/bulkEvaluationSuccess eventStreams",
            text = "If not present, the provider should continue using polling for change detection.")
    @Test
    void where_the_transport_answers_each_request_once_bulk_answers_name_no_event_stream() {
        api.createBooleanFlag("dark-mode");

        TestApi.Reply reply = api.call("POST", BULK, "{\"context\":{\"targetingKey\":\"alice\"}}", DEVELOPMENT);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("eventStreams")).isFalse();
    }

    @Test
    void the_same_context_in_another_environment_with_the_same_flag_versions_is_not_a_304() {
        api.createBooleanFlag("dark-mode");
        String alice = "{\"context\":{\"targetingKey\":\"alice\"}}";
        TestApi.Reply development = api.call("POST", BULK, alice, DEVELOPMENT);
        assertThat(development.json().path("metadata").path("version").asText())
                .isEqualTo(api.call("POST", BULK, alice, Map.of("X-Bunting-Environment", "staging"))
                        .json()
                        .path("metadata")
                        .path("version")
                        .asText());

        TestApi.Reply staging = api.call(
                "POST",
                BULK,
                alice,
                Map.of("X-Bunting-Environment", "staging", "If-None-Match", development.header("ETag")));

        assertThat(staging.status()).isEqualTo(200);
    }

    @Specification(
            spec = Spec.OFREP,
            clause = "openapi.yaml #/components/schemas/bulkEvaluationSuccess",
            text =
                    "Contains an array of flag evaluations, where each item can be either a successful evaluation or an evaluation failure. This allows partial success scenarios where some flags may fail while others succeed.")
    @Test
    void a_flag_that_fails_in_bulk_is_a_failure_item_beside_the_others() {
        api.createBooleanFlag("dark-mode");
        api.createBooleanFlag("rollout");
        api.call("PATCH", "/flags/rollout/environments/development/rollout", "{\"percentage\":30}");
        api.toggle("rollout", "development", true);

        TestApi.Reply reply = api.call("POST", BULK, "{\"context\":{}}", DEVELOPMENT);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(OfrepSchema.violations("bulkEvaluationSuccess", reply.json()))
                .isEmpty();
        assertThat(reply.json().path("flags").get(1).path("errorCode").asText()).isEqualTo("TARGETING_KEY_MISSING");
        assertThat(reply.json().path("flags").get(0).path("reason").asText()).isEqualTo("DISABLED");
    }

    private JsonNode success(String flag, String body) {
        TestApi.Reply reply = api.call("POST", SINGLE + flag, body, DEVELOPMENT);
        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(OfrepSchema.violations("serverEvaluationSuccess", reply.json()))
                .isEmpty();
        return reply.json();
    }

    private void failure(String path, String body, int status, String schema, String errorCode) {
        TestApi.Reply reply = api.call("POST", path, body, DEVELOPMENT);
        assertThat(reply.status()).as("%s %s", path, body).isEqualTo(status);
        assertThat(reply.text("errorCode")).as("%s %s", path, body).isEqualTo(errorCode);
        assertThat(OfrepSchema.violations(schema, reply.json()))
                .as("%s %s", path, body)
                .isEmpty();
    }

    private void created(String flag) {
        assertThat(api.call("POST", "/flags", flag).status()).isEqualTo(201);
    }

    private static JsonNode json(String text) {
        try {
            return TestApi.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
