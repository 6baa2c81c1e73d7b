package dev.bunting.domain.evaluation;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Contexts;
import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.Rules;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Split;
import java.math.BigDecimal;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The override precedence that flags migrated from a user/group/region override model rely on: user override > group override > region override > rollout > default.
 * In Bunting that is individual targets, then a rule on {@code group}, then a rule on {@code region}, then a
 * fallthrough split (FlagConfig's evaluation order). Each test shows one level winning over every level below it.
 *
 * <p>The units come from bucketing-vectors.json for salt "new-checkout": alice → 572 and usr_123 → 818 fall inside a
 * 30 % rollout; bob → 9562 and user-42 → 3490 fall outside it.
 */
class OverridePrecedenceTest {

    private static final Evaluator EVALUATOR = Evaluators.standard();
    private static final Flag FLAG = Flags.aStringFlag(
                    "new-checkout", "user-override", "group-override", "region-override", "rollout", "default")
            .build();
    private static final FlagConfig OVERRIDES = Configs.on()
            .offVariant("default")
            .withTarget("user-override", "alice", "bob")
            .withRule(Rules.rule("group-override")
                    .when(attribute("group").in("beta-testers"))
                    .serve("group-override"))
            .withRule(Rules.rule("region-override")
                    .when(attribute("region").in("eu-west-1", "eu-central-1"))
                    .serve("region-override"))
            .fallthroughSplit("rollout", 3000, "default", 7000)
            .build();

    @BeforeAll
    static void theUnitsSitWhereThisTestAssumes() {
        Bucketing bucketing = new Bucketing(MurmurHash3::hash32x86);
        assertThat(bucketing.bucket("new-checkout", "alice")).isLessThan(3000);
        assertThat(bucketing.bucket("new-checkout", "usr_123")).isLessThan(3000);
        assertThat(bucketing.bucket("new-checkout", "bob")).isGreaterThanOrEqualTo(3000);
        assertThat(bucketing.bucket("new-checkout", "user-42")).isGreaterThanOrEqualTo(3000);
    }

    private static Evaluation evaluate(EvaluationContext context) {
        return EVALUATOR.prepare(FLAG, OVERRIDES).evaluate(context);
    }

    @Test
    void a_user_override_wins_over_group_region_and_rollout() {
        // alice is in the group, in the region and inside the rollout
        Evaluation evaluation = evaluate(Contexts.user("alice")
                .with("group", "beta-testers")
                .with("region", "eu-west-1")
                .build());

        assertThat(evaluation.value()).isEqualTo("user-override");
        assertThat(evaluation.reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(evaluation.ruleId()).isNull();
    }

    @Test
    void a_user_override_wins_over_the_default_too() {
        // bob is outside the rollout, so without his override he would get the default
        assertThat(evaluate(Contexts.user("bob").build()).value()).isEqualTo("user-override");
    }

    @Test
    void a_group_override_wins_over_region_and_rollout() {
        Evaluation evaluation = evaluate(Contexts.user("usr_123")
                .with("group", "beta-testers")
                .with("region", "eu-west-1")
                .build());

        assertThat(evaluation.value()).isEqualTo("group-override");
        assertThat(evaluation.ruleId()).isEqualTo(new RuleId("group-override"));
    }

    @Test
    void a_region_override_wins_over_the_rollout() {
        Evaluation evaluation = evaluate(Contexts.user("usr_123")
                .with("group", "staff")
                .with("region", "eu-central-1")
                .build());

        assertThat(evaluation.value()).isEqualTo("region-override");
        assertThat(evaluation.ruleId()).isEqualTo(new RuleId("region-override"));
    }

    @Test
    void the_rollout_wins_over_the_default_for_units_inside_it() {
        Evaluation evaluation =
                evaluate(Contexts.user("usr_123").with("region", "us-east-1").build());

        assertThat(evaluation.value()).isEqualTo("rollout");
        assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
    }

    @Test
    void units_outside_the_rollout_get_the_default() {
        Evaluation evaluation =
                evaluate(Contexts.user("user-42").with("region", "us-east-1").build());

        assertThat(evaluation.value()).isEqualTo("default");
        assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
    }

    @Test
    void switching_the_flag_off_serves_the_default_even_to_overridden_users() {
        FlagConfig off = OVERRIDES.withEnabled(false);

        Evaluation evaluation = EVALUATOR
                .prepare(FLAG, off)
                .evaluate(Contexts.user("alice").with("group", "beta-testers").build());

        assertThat(evaluation.value()).isEqualTo("default");
        assertThat(evaluation.reason()).isEqualTo(Reason.DISABLED);
    }

    @Test
    void the_group_outranks_the_region_because_its_rule_comes_first() {
        FlagConfig regionFirst = Configs.on()
                .offVariant("default")
                .withRule(OVERRIDES.rules().get(1))
                .withRule(OVERRIDES.rules().get(0))
                .fallthroughSplit("rollout", 3000, "default", 7000)
                .build();
        EvaluationContext both = Contexts.user("usr_123")
                .with("group", "beta-testers")
                .with("region", "eu-west-1")
                .build();

        assertThat(EVALUATOR.prepare(FLAG, OVERRIDES).evaluate(both).value()).isEqualTo("group-override");
        assertThat(EVALUATOR.prepare(FLAG, regionFirst).evaluate(both).value()).isEqualTo("region-override");
    }

    @Test
    void as_a_boolean_flag_each_level_overturns_the_value_below_it() {
        // levels alternate their value, so a level that failed to win would flip the answer
        Flag flag = Flags.aBooleanFlag("new-checkout").build();
        FlagConfig config = Configs.on()
                .withTarget("false", "alice")
                .withRule(Rules.rule("group")
                        .when(attribute("group").in("beta-testers"))
                        .serve("true"))
                .withRule(Rules.rule("region")
                        .when(attribute("region").in("eu-west-1"))
                        .serve("false"))
                .fallthroughSplit(Split.booleanRollout(new BigDecimal("30")))
                .build();

        assertThat(EVALUATOR
                        .prepare(flag, config)
                        .evaluate(Contexts.user("alice")
                                .with("group", "beta-testers")
                                .build())
                        .value())
                .isEqualTo(false);
        assertThat(EVALUATOR
                        .prepare(flag, config)
                        .evaluate(Contexts.user("usr_123")
                                .with("group", "beta-testers")
                                .with("region", "eu-west-1")
                                .build())
                        .value())
                .isEqualTo(true);
        assertThat(EVALUATOR
                        .prepare(flag, config)
                        .evaluate(Contexts.user("usr_123")
                                .with("region", "eu-west-1")
                                .build())
                        .value())
                .isEqualTo(false);
        assertThat(EVALUATOR
                        .prepare(flag, config)
                        .evaluate(Contexts.user("usr_123").build())
                        .value())
                .isEqualTo(true);
        assertThat(EVALUATOR
                        .prepare(flag, config)
                        .evaluate(Contexts.user("bob").build())
                        .value())
                .isEqualTo(false);
    }
}
