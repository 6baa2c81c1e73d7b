package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Counts over time on the wire: a flag's evaluations per bucket and an experiment's first exposures per day. */
class HistoryApiTest {

    private final TestApi api = new TestApi();

    @Test
    void a_flags_evaluations_come_per_bucket_and_variant_as_documented() {
        api.createBooleanFlag("new-checkout");
        api.measurements.addEvaluationCounts(List.of(
                new EvaluationCount(
                        EnvironmentKey.STAGING, new FlagKey("new-checkout"), VariantKey.TRUE, TestApi.NOW, 3),
                new EvaluationCount(
                        EnvironmentKey.STAGING,
                        new FlagKey("new-checkout"),
                        VariantKey.TRUE,
                        TestApi.NOW.plusSeconds(60),
                        2)));

        TestApi.Reply reply = api.call("GET", "/flags/new-checkout/evaluations?environment=staging&bucket=day");

        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
        assertThat(ApiSchema.violations("EvaluationCounts", reply.json())).isEmpty();
        assertThat(reply.json().path("to").asText()).isEqualTo("2026-01-16T00:00:00Z");
        assertThat(reply.json().path("points").toString())
                .isEqualTo("[{\"start\":\"2026-01-15T00:00:00Z\",\"variant\":\"true\",\"count\":5}]");
    }

    @Test
    void a_bad_bucket_range_or_environment_is_a_400_naming_the_parameter() {
        api.createBooleanFlag("new-checkout");
        String path = "/flags/new-checkout/evaluations?environment=staging";

        assertThat(api.call("GET", path + "&bucket=week").isProblem(400).errors())
                .containsExactly("bucket:invalid_value");
        assertThat(api.call("GET", path + "&from=2026-01-15T10:00:00Z&to=2026-01-15T09:00:00Z")
                        .isProblem(400)
                        .errors())
                .containsExactly("from:invalid_range");
        assertThat(api.call("GET", path + "&bucket=minute&from=2026-01-01T00:00:00Z")
                        .isProblem(400)
                        .errors())
                .containsExactly("to:too_many_buckets");
        assertThat(api.call("GET", "/flags/new-checkout/evaluations")
                        .isProblem(400)
                        .errors())
                .containsExactly("environment:required");
        assertThat(api.call("GET", "/flags/new-checkout/evaluations?environment=Bad Key")
                        .isProblem(400)
                        .errors())
                .allMatch(error -> error.startsWith("environment:"));
        api.call("GET", "/flags/missing/evaluations?environment=staging").isProblem(404);
    }

    @Test
    void an_experiments_first_exposures_come_per_day_and_variant_as_documented() {
        api.createBooleanFlag("new-checkout");
        api.call("PATCH", "/flags/new-checkout/environments/staging/rollout", "{\"percentage\": 50}");
        assertThat(api.call("POST", "/experiments", """
                        {"key": "checkout-test", "name": "New checkout", "flag": "new-checkout",
                         "environment": "staging", "control": "false",
                         "metrics": [{"key": "conversion", "event": "purchase", "type": "binomial", "role": "primary"}]}""").status()).isEqualTo(201);
        api.call("GET", "/experiments/checkout-test/exposures").isProblem(404);
        assertThat(api.call("POST", "/experiments/checkout-test/start", "").status())
                .isEqualTo(200);
        api.measurements.recordExposures(List.of(new ExperimentExposure(
                new ExperimentKey("checkout-test"),
                1,
                new Exposure(
                        EnvironmentKey.STAGING,
                        new FlagKey("new-checkout"),
                        1,
                        VariantKey.FALSE,
                        new UnitId("alice"),
                        TestApi.NOW,
                        Reason.SPLIT,
                        Optional.empty()))));

        TestApi.Reply reply = api.call("GET", "/experiments/checkout-test/exposures?phase=1");

        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
        assertThat(ApiSchema.violations("ExposuresPerDay", reply.json())).isEmpty();
        assertThat(reply.json().toString())
                .isEqualTo("{\"experiment\":\"checkout-test\",\"phase\":1,"
                        + "\"days\":[{\"day\":\"2026-01-15\",\"variant\":\"false\",\"units\":1}]}");
        assertThat(api.call("GET", "/experiments/checkout-test/exposures?phase=one")
                        .isProblem(400)
                        .errors())
                .containsExactly("phase:invalid_type");
        api.call("GET", "/experiments/checkout-test/exposures?phase=2").isProblem(404);
    }
}
