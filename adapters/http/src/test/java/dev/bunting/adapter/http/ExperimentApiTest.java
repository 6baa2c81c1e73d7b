package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Experiments over HTTP: the lifecycle, POST /events feeding results, and POST /stats/analyze. */
class ExperimentApiTest {

    private static final String DRAFT = """
            {"key": "checkout-test", "name": "New checkout", "hypothesis": "It converts better",
             "flag": "new-checkout", "environment": "staging", "control": "false",
             "metrics": [{"key": "conversion", "event": "purchase", "type": "binomial", "role": "primary"},
                         {"key": "revenue", "event": "purchase", "type": "mean", "role": "guardrail", "window_hours": 24}]}""";

    private final TestApi api = new TestApi();
    private String sdkKey;

    @BeforeEach
    void aFlagSplitEvenlyInStaging() {
        api.createBooleanFlag("new-checkout");
        api.call("PATCH", "/flags/new-checkout/environments/staging/rollout", "{\"percentage\": 50}");
        sdkKey = api.call("POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"staging\"}")
                .text("key");
    }

    private JsonNode started() {
        assertThat(api.call("POST", "/experiments", DRAFT).status()).isEqualTo(201);
        TestApi.Reply started = api.call("POST", "/experiments/checkout-test/start", "");
        assertThat(started.status()).as("start: %s", started.json()).isEqualTo(200);
        return started.json();
    }

    private TestApi.Reply sendEvents(String body, Map<String, String> headers) {
        Map<String, String> withKey = new java.util.LinkedHashMap<>(headers);
        withKey.put("X-SDK-Key", sdkKey);
        return api.callAnonymously("POST", "/events", body, withKey);
    }

    @Test
    void a_draft_is_created_with_its_location_and_shown_whole() {
        TestApi.Reply created = api.call("POST", "/experiments", DRAFT);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/experiments/checkout-test");
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().path("status").asText()).isEqualTo("draft");
        assertThat(created.json().path("metrics").findValuesAsText("key")).containsExactly("conversion", "revenue");
        assertThat(created.json().path("metrics").get(1).path("window_hours").asInt())
                .isEqualTo(24);
        assertThat(api.call("GET", "/experiments/checkout-test").json()).isEqualTo(created.json());
        JsonNode drafts = api.call("GET", "/experiments?flag=new-checkout&status=draft")
                .json()
                .path("items");
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0)).isEqualTo(created.json());
    }

    @Test
    void starting_takes_the_splits_weights_and_stopping_records_the_decision() {
        JsonNode running = started();

        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("phases").get(0).path("split").toString())
                .isEqualTo("[{\"variant\":\"true\",\"weight\":5000},{\"variant\":\"false\",\"weight\":5000}]");
        TestApi.Reply stopped = api.call(
                "POST",
                "/experiments/checkout-test/stop",
                "{\"decision\": {\"outcome\": \"ship\", \"variant\": \"true\", \"reason\": \"it won\"}}");
        assertThat(stopped.json().path("decision").toString())
                .isEqualTo("{\"outcome\":\"ship\",\"variant\":\"true\",\"reason\":\"it won\"}");
        assertThat(api.call("POST", "/experiments/checkout-test/archive", "")
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("archived");
        assertThat(api.call("DELETE", "/experiments/checkout-test")
                        .isProblem(409)
                        .json()
                        .path("detail")
                        .asText())
                .contains("archive it instead");
        assertThat(api.call("GET", "/experiments/checkout-test").status()).isEqualTo(200);
    }

    @Test
    void bad_bodies_are_validation_problems_naming_the_field_and_change_nothing() {
        assertThat(api.call("POST", "/experiments", DRAFT.replace("\"binomial\"", "\"ratio\""))
                        .isProblem(400)
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("metrics[0].type");
        assertThat(api.call("POST", "/experiments", DRAFT.replace("\"control\": \"false\"", "\"control\": \"blue\""))
                        .isProblem(400)
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("control");
        api.call("POST", "/experiments", DRAFT.replace("\"new-checkout\"", "\"no-such-flag\""))
                .isProblem(404);
        assertThat(api.call("GET", "/experiments").json().path("items")).isEmpty();
        started();
        api.call("POST", "/experiments/checkout-test/stop", "{\"decision\": {\"outcome\": \"maybe\"}}")
                .isProblem(400);
        api.call("POST", "/experiments/checkout-test/stop", "{}").isProblem(400);
        api.call("GET", "/experiments/checkout-test/results?engine=magic").isProblem(400);
        api.call("GET", "/experiments/checkout-test/results?sequential=yes").isProblem(400);
        api.call("GET", "/experiments/checkout-test/results?colour=red").isProblem(400);
        assertThat(api.call("GET", "/experiments/checkout-test")
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("running");
    }

    @Test
    void a_state_change_that_is_not_allowed_is_a_conflict() {
        api.call("POST", "/experiments", DRAFT);

        assertThat(api.call("POST", "/experiments/checkout-test/stop", "{\"decision\":{\"outcome\":\"roll_back\"}}")
                        .isProblem(409)
                        .json()
                        .path("detail")
                        .asText())
                .contains("only a running experiment can stop");
        api.call(
                        "PUT",
                        "/experiments/checkout-test",
                        DRAFT.replace("\"key\": \"checkout-test\", ", "").replace("}]}", "}], \"version\": 7}"))
                .isProblem(409);
    }

    @Test
    void events_feed_the_results_and_a_retried_batch_counts_once() {
        started();
        String batch = """
                {"events": [
                  {"type": "exposure", "flag": "new-checkout", "variant": "true", "unit": "u-1"},
                  {"type": "exposure", "flag": "new-checkout", "variant": "false", "unit": "u-2"},
                  {"type": "track", "event": "purchase", "unit": "u-1", "value": 25.5, "details": {"plan": "pro"}},
                  {"type": "track", "event": "purchase", "unit": "u-1", "value": "lots"},
                  {"type": "click"}
                ]}""";

        TestApi.Reply first = sendEvents(batch, Map.of("Idempotency-Key", "batch-1"));
        TestApi.Reply again = sendEvents(batch, Map.of("Idempotency-Key", "batch-1"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("accepted").asInt()).isEqualTo(3);
        assertThat(first.json().path("rejected").toString())
                .isEqualTo("[{\"index\":3,\"errors\":[{\"field\":\"events[3].value\",\"code\":\"invalid_type\","
                        + "\"message\":\"value must be a number\"}]},"
                        + "{\"index\":4,\"errors\":[{\"field\":\"events[4].type\",\"code\":\"invalid_value\","
                        + "\"message\":\"type must be exposure or track\"}]}]");
        assertThat(first.json().path("duplicate").asBoolean()).isFalse();
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        JsonNode phase = api.call("GET", "/experiments/checkout-test/results")
                .json()
                .path("phases")
                .get(0);
        assertThat(phase.path("variants").toString())
                .isEqualTo("[{\"key\":\"false\",\"units\":1},{\"key\":\"true\",\"units\":1}]");
        JsonNode revenue = phase.path("metrics").get(1).path("variants");
        assertThat(revenue.get(1).path("key").asText()).isEqualTo("true");
        assertThat(revenue.get(1).path("mean").asDouble()).isEqualTo(25.5);
        assertThat(phase.path("srm").path("flagged").asBoolean()).isFalse();
    }

    @Test
    void events_need_a_key_for_the_environment_in_a_closed_one_and_a_body_of_events() {
        api.callAnonymously("POST", "/events", "{\"environment\": \"production\", \"events\": []}")
                .isProblem(401);
        assertThat(sendEvents("{\"events\": []}", Map.of()).status()).isEqualTo(202);
        sendEvents("{\"environment\": \"production\", \"events\": []}", Map.of())
                .isProblem(403);
        sendEvents("{}", Map.of()).isProblem(400);
    }

    @Test
    void results_offer_the_bayesian_engine_sequential_testing_corrections_and_cuped() {
        started();

        JsonNode bayesian = api.call("GET", "/experiments/checkout-test/results?engine=bayesian")
                .json();
        JsonNode sequential = api.call(
                        "GET",
                        "/experiments/checkout-test/results?sequential=true&tuning=2000&correction=holm-bonferroni"
                                + "&cuped=true")
                .json();

        assertThat(bayesian.path("settings").path("engine").asText()).isEqualTo("bayesian");
        assertThat(sequential.path("settings").toString())
                .isEqualTo(
                        "{\"engine\":\"frequentist\",\"sequential\":{\"tuning\":2000.0},\"correction\":\"holm-bonferroni\","
                                + "\"cuped\":true}");
        assertThat(bayesian.path("settings").path("cuped").asBoolean()).isFalse();
        api.call("GET", "/experiments/checkout-test/results?engine=bayesian&sequential=true")
                .isProblem(400);
        api.call("GET", "/experiments/checkout-test/results?cuped=yes").isProblem(400);
    }

    @Test
    void the_engine_alone_analyses_sums_from_a_warehouse() {
        TestApi.Reply reply = api.call("POST", "/stats/analyze", """
                {"metric_type": "binomial", "engine": "frequentist",
                 "variants": [{"key": "control", "n": 10000, "sum": 1000},
                              {"key": "treatment", "n": 10000, "sum": 1200}]}""");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode treatment = reply.json().path("variants").get(1);
        assertThat(treatment.path("relative").path("lift").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(treatment.path("relative").path("ci").size()).isEqualTo(2);
        assertThat(treatment.path("relative").path("p_value").asDouble()).isLessThan(0.001);
        assertThat(reply.json().path("srm").path("flagged").asBoolean()).isFalse();
        api.call(
                        "POST",
                        "/stats/analyze",
                        "{\"metric_type\": \"mean\", \"variants\": [{\"key\": \"a\", \"n\": 5, \"sum\": 3}]}")
                .isProblem(400);
    }
}
