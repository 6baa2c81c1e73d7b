package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route that writes a config meets the config limits, and every evaluation route the context limits: each answers
 * a 400 naming the field and the limit, and changes nothing.
 */
class LimitsApiTest {

    private static final String CONFIG = "/flags/kill-switch/environments/production";

    private final TestApi api = new TestApi();

    @BeforeEach
    void aFlag() {
        api.createBooleanFlag("kill-switch");
    }

    @Test
    void a_config_with_more_regular_expressions_than_allowed_is_refused_and_changes_nothing() {
        List<Object> rules = new ArrayList<>();
        for (int r = 0; r <= FlagConfig.MAX_PATTERNS; r++) {
            rules.add(Map.of(
                    "id",
                    "r" + r,
                    "clauses",
                    List.of(Map.of("attribute", "email", "operator", "matches", "values", List.of("^u" + r + "$"))),
                    "serve",
                    Map.of("variant", "true")));
        }
        JsonNode before = api.config("kill-switch", "production");

        TestApi.Reply reply =
                put(Map.of("off_variant", "false", "fallthrough", Map.of("variant", "true"), "rules", rules));

        reply.isProblem(400);
        assertThat(reply.errors()).containsExactly("rules:too_many");
        assertThat(reply.json().path("errors").get(0).path("message").asText())
                .contains(String.valueOf(FlagConfig.MAX_PATTERNS));
        assertThat(api.config("kill-switch", "production")).isEqualTo(before);
    }

    @Test
    void a_config_larger_than_allowed_is_refused_though_the_body_is_within_the_body_limit() {
        Map<String, Object> document = new LinkedHashMap<>(FlagDocuments.writeConfig(Limits.largestConfig()));
        List<Object> rules = new ArrayList<>((List<?>) document.get("rules"));
        rules.add(Map.of(
                "id",
                "one-too-many",
                "clauses",
                List.of(Map.of(
                        "attribute",
                        "a",
                        "operator",
                        "in",
                        "values",
                        List.of(
                                "v".repeat(1000),
                                "w".repeat(1000),
                                "x".repeat(1000),
                                "y".repeat(1000),
                                "z".repeat(1000)))),
                "serve",
                Map.of("variant", "true")));
        document.put("rules", rules);

        TestApi.Reply reply = put(document);

        reply.isProblem(400);
        assertThat(reply.errors()).containsExactly(":too_large");
        assertThat(reply.json().path("errors").get(0).path("message").asText())
                .contains(String.valueOf(FlagConfig.MAX_SIZE));
    }

    @Test
    void a_target_that_takes_the_largest_config_past_its_size_is_refused() {
        api.putConfig("kill-switch", "production", json(FlagDocuments.writeConfig(Limits.largestConfig())));
        TestApi.Reply refused = null;
        for (int unit = 0; unit < 100 && refused == null; unit++) {
            TestApi.Reply reply = api.call(
                    "POST",
                    CONFIG + "/targets",
                    json(Map.of("variant", "true", "unit", "unit-" + unit + "-" + "u".repeat(240))));
            if (reply.status() != 200) {
                refused = reply;
            }
        }

        assertThat(refused).as("a target past the size").isNotNull();
        refused.isProblem(400);
        assertThat(refused.errors()).containsExactly(":too_large");
    }

    @Test
    void every_evaluation_route_refuses_an_attribute_longer_than_allowed() {
        String tooLong = "a".repeat(EvaluationContext.MAX_TEXT_LENGTH + 1);
        String context = json(Map.of("targetingKey", "alice", "user_agent", tooLong));

        for (TestApi.Reply reply : List.of(
                api.callAnonymously(
                        "POST",
                        "/evaluate/kill-switch",
                        "{\"environment\":\"development\",\"context\":" + context + "}"),
                api.callAnonymously(
                        "POST", "/evaluate", "{\"environment\":\"development\",\"context\":" + context + "}"),
                api.callAnonymously(
                        "GET",
                        "/evaluate/kill-switch?environment_key=development&user_id=alice&user_agent=" + tooLong,
                        null))) {
            reply.isProblem(400);
            assertThat(reply.errors()).containsExactly("context.user_agent:too_long");
        }
        for (String path : List.of("/ofrep/v1/evaluate/flags/kill-switch", "/ofrep/v1/evaluate/flags")) {
            TestApi.Reply reply =
                    api.callAnonymously("POST", path + "?environment=development", "{\"context\":" + context + "}");
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.text("errorCode")).as(path).isEqualTo("INVALID_CONTEXT");
            assertThat(reply.text("errorDetails")).as(path).contains(String.valueOf(EvaluationContext.MAX_TEXT_LENGTH));
        }
    }

    @Test
    void a_context_larger_in_all_than_allowed_is_refused_and_the_largest_allowed_is_evaluated() {
        Map<String, Object> tooLarge = new LinkedHashMap<>(Limits.largestContext());
        tooLarge.put("one-more", "x".repeat(EvaluationContext.MAX_TEXT_LENGTH));

        TestApi.Reply refused = api.callAnonymously(
                "POST", "/evaluate/kill-switch", json(Map.of("environment", "development", "context", tooLarge)));
        TestApi.Reply largest = api.callAnonymously(
                "POST",
                "/evaluate/kill-switch",
                json(Map.of("environment", "development", "context", Limits.largestContext())));

        refused.isProblem(400);
        assertThat(refused.errors()).containsExactly("context:too_large");
        assertThat(largest.status()).as("%s", largest.json()).isEqualTo(200);
    }

    private TestApi.Reply put(Map<String, Object> document) {
        long version = api.config("kill-switch", "production").path("version").asLong();
        return api.call("PUT", CONFIG, json(document), Map.of("If-Match", "\"" + version + "\""));
    }

    private static String json(Object document) {
        try {
            return TestApi.MAPPER.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
