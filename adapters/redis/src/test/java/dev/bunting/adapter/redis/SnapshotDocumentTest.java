package dev.bunting.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.redis.SharedConfigs.Versions;
import dev.bunting.adapter.redis.SnapshotDocument.Snapshot;
import dev.bunting.domain.Flags;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.Target;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotDocumentTest {

    private static final Evaluator EVALUATOR =
            new Evaluator(data -> data.length, pattern -> input -> input.contains(pattern));
    private static final Instant CREATED = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final Instant CHANGED = Instant.parse("2026-03-02T08:00:00.654321Z");
    private static final Versions VERSIONS = new Versions("all-1", "production-7");

    @Test
    void an_environment_read_back_is_the_one_written_down_to_every_field_and_its_content_version() {
        PreparedEnvironment prepared =
                PreparedEnvironment.prepare(production(), List.of(everyFeature(), everyKindOfValue()), EVALUATOR);

        Snapshot read = SnapshotDocument.read(SnapshotDocument.write(VERSIONS, 1_234_567L, prepared))
                .orElseThrow();

        assertThat(read.versions()).isEqualTo(VERSIONS);
        assertThat(read.expiresAtMillis()).isEqualTo(1_234_567L);
        assertThat(read.environment()).isEqualTo(prepared.definition());
        assertThat(read.states()).isEqualTo(prepared.states());
        PreparedEnvironment again = read.prepare(EVALUATOR);
        assertThat(again.version()).isEqualTo(prepared.version());
        EvaluationContext context = EvaluationContext.of("user-1");
        assertThat(again.flag("every-feature").orElseThrow().evaluate(context))
                .isEqualTo(prepared.flag("every-feature").orElseThrow().evaluate(context));
    }

    @Test
    void an_empty_environment_round_trips() {
        PreparedEnvironment prepared = PreparedEnvironment.prepare(production(), List.of(), EVALUATOR);

        Snapshot read = SnapshotDocument.read(SnapshotDocument.write(VERSIONS, 1L, prepared))
                .orElseThrow();

        assertThat(read.states()).isEmpty();
        assertThat(read.prepare(EVALUATOR).version()).isEqualTo(prepared.version());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{}",
                "{\"all\":\"a\",\"version\":\"b\",\"expires_at\":1}",
                "{\"all\":\"a\",\"version\":\"b\",\"expires_at\":1,\"environment\":{\"key\":\"NOT A KEY\"},\"flags\":[]}"
            })
    void text_that_is_no_snapshot_of_this_release_reads_as_none(String text) {
        assertThat(SnapshotDocument.read(text)).isEmpty();
    }

    @Test
    void a_flag_that_no_longer_validates_reads_as_none() {
        PreparedEnvironment prepared = PreparedEnvironment.prepare(production(), List.of(everyFeature()), EVALUATOR);
        String text =
                SnapshotDocument.write(VERSIONS, 1L, prepared).replace("\"kind\":\"boolean\"", "\"kind\":\"colour\"");

        assertThat(SnapshotDocument.read(text)).isEmpty();
    }

    private static Environment production() {
        return new Environment(EnvironmentKey.PRODUCTION, "Production", true, false, CREATED);
    }

    private static FlagState everyFeature() {
        Flag flag = new Flag(
                new dev.bunting.domain.flag.FlagKey("every-feature"),
                "Every feature",
                "uses each part of a config",
                List.of("checkout", "team-a"),
                dev.bunting.domain.flag.FlagKind.BOOLEAN,
                Flag.booleanVariants(),
                "salt-1",
                "company_id",
                4,
                CREATED,
                CHANGED);
        Rule beta = new Rule(
                new RuleId("beta-users"),
                "people in the beta",
                List.of(
                        Clause.of("plan", Operator.IN, "beta", "preview"),
                        Clause.of("age", Operator.GTE, new BigDecimal("18.50")).negated(),
                        Clause.of("email", Operator.ENDS_WITH, "@example.com").ignoringCase(),
                        Clause.of("staff", Operator.EQ, true),
                        Clause.of("country", Operator.EXISTS)),
                Serve.split(
                        List.of(new Split.Weight(VariantKey.TRUE, 2500), new Split.Weight(VariantKey.FALSE, 7500))));
        Rule rest = new Rule(
                new RuleId("r-2"),
                null,
                List.of(Clause.of("version", Operator.SEMVER_GT, "1.4.2")),
                Serve.variant("false"));
        FlagConfig config = new FlagConfig(
                true,
                VariantKey.FALSE,
                List.of(new Target(VariantKey.TRUE, new LinkedHashSet<>(List.of("user-1", "user-2")))),
                List.of(beta, rest),
                Serve.split(List.of(new Split.Weight(VariantKey.TRUE, 10_000), new Split.Weight(VariantKey.FALSE, 0))));
        return new FlagState(
                flag,
                new EnvironmentConfig(flag.key(), EnvironmentKey.PRODUCTION, config, 9, CHANGED),
                Optional.of(new ExperimentRun(new ExperimentKey("checkout-test"), 3)));
    }

    /** Values as JSON has them: nested objects and lists, null, decimals that keep their scale, large integers. */
    private static FlagState everyKindOfValue() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("limit", new BigDecimal("12.50"));
        nested.put("big", new BigDecimal("123456789012345678901234567890"));
        nested.put("none", null);
        nested.put("list", List.of("a", new BigDecimal("1"), true, Map.of("deep", "yes")));
        Flag flag = Flags.aJsonFlag("settings")
                .withVariant("full", nested)
                .withVariant("empty", null)
                .build();
        FlagConfig config = FlagConfig.initialFor(flag).withEnabled(true).withFallthrough(Serve.variant("full"));
        return new FlagState(
                flag, new EnvironmentConfig(flag.key(), EnvironmentKey.PRODUCTION, config, 0, flag.createdAt()));
    }
}
