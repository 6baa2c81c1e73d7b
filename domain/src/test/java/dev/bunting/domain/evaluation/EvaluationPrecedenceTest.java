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
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * FlagConfig's evaluation order: off → off variant; individual targets; rules in order (first match wins); fallthrough.
 * Reasons are OpenFeature's (flag evaluation, "Resolution reasons"), as documented on {@link Reason}.
 */
class EvaluationPrecedenceTest {

    private final Evaluator evaluator = Evaluators.standard();
    private final Flag colour =
            Flags.aStringFlag("button-colour", "grey", "red", "green", "blue").build();

    private static final EvaluationContext ALICE_IN_DE =
            Contexts.user("alice").with("country", "de").with("plan", "pro").build();

    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.5",
            text =
                    "The `provider` SHOULD populate the `resolution details` structure's `reason` field with `\"STATIC\"`, `\"DEFAULT\",` `\"TARGETING_MATCH\"`, `\"SPLIT\"`, `\"CACHED\"`, `\"DISABLED\"`, `\"UNKNOWN\"`, `\"STALE\"`, `\"ERROR\"` or some other string indicating the semantic reason for the returned flag value.")
    @Test
    void
            given_a_flag_that_is_off_when_evaluated_then_the_off_variant_is_served_as_disabled_whatever_targets_and_rules_say() {
        FlagConfig config = Configs.off()
                .offVariant("grey")
                .withTarget("red", "alice")
                .withRule(Rules.rule("germany")
                        .when(attribute("country").in("de"))
                        .serve("green"))
                .fallthrough("blue")
                .build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.reason()).isEqualTo(Reason.DISABLED);
        assertThat(evaluation.variant()).isEqualTo(new VariantKey("grey"));
        assertThat(evaluation.value()).isEqualTo("grey");
        assertThat(evaluation.ruleId()).isNull();
        assertThat(evaluation.errorCode()).isNull();
        assertThat(evaluation.isError()).isFalse();
    }

    @Test
    void a_disabled_flag_needs_no_targeting_key() {
        FlagConfig config = Configs.off()
                .offVariant("grey")
                .fallthroughSplit("red", 5000, "blue", 5000)
                .build();

        Evaluation evaluation =
                evaluator.prepare(colour, config).evaluate(Contexts.anonymous().build());

        assertThat(evaluation.reason()).isEqualTo(Reason.DISABLED);
        assertThat(evaluation.value()).isEqualTo("grey");
    }

    @Test
    void given_a_targeted_unit_when_evaluated_then_the_target_wins_over_matching_rules_with_no_rule_id() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withTarget("red", "alice", "bob")
                .withRule(Rules.rule("germany")
                        .when(attribute("country").in("de"))
                        .serve("green"))
                .fallthrough("blue")
                .build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(evaluation.variant()).isEqualTo(new VariantKey("red"));
        assertThat(evaluation.value()).isEqualTo("red");
        assertThat(evaluation.ruleId()).isNull();
    }

    @Test
    void targets_match_the_targeting_key_exactly() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withTarget("red", "alice")
                .fallthrough("blue")
                .build();

        assertThat(evaluator
                        .prepare(colour, config)
                        .evaluate(Contexts.user("Alice").build())
                        .value())
                .isEqualTo("blue");
        assertThat(evaluator
                        .prepare(colour, config)
                        .evaluate(Contexts.user("alice ").build())
                        .value())
                .isEqualTo("blue");
        assertThat(evaluator
                        .prepare(colour, config)
                        .evaluate(Contexts.anonymous().build())
                        .value())
                .isEqualTo("blue");
    }

    @Test
    void targets_are_checked_before_a_split_fallthrough() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withTarget("green", "alice")
                .fallthroughSplit("red", 5000, "blue", 5000)
                .build();

        Evaluation evaluation = evaluator
                .prepare(colour, config)
                .evaluate(Contexts.user("alice").build());

        assertThat(evaluation.reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(evaluation.value()).isEqualTo("green");
    }

    @Test
    void given_several_matching_rules_when_evaluated_then_the_first_in_order_wins_and_is_named() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withRule(
                        Rules.rule("pro-plan").when(attribute("plan").in("pro")).serve("green"))
                .withRule(Rules.rule("germany")
                        .when(attribute("country").in("de"))
                        .serve("red"))
                .fallthrough("blue")
                .build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(evaluation.ruleId()).isEqualTo(new RuleId("pro-plan"));
        assertThat(evaluation.value()).isEqualTo("green");
    }

    @Test
    void a_later_rule_serves_when_earlier_ones_do_not_match() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withRule(Rules.rule("free-plan")
                        .when(attribute("plan").in("free"))
                        .serve("green"))
                .withRule(Rules.rule("germany")
                        .when(attribute("country").in("de"))
                        .serve("red"))
                .fallthrough("blue")
                .build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.ruleId()).isEqualTo(new RuleId("germany"));
        assertThat(evaluation.value()).isEqualTo("red");
    }

    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.5",
            text =
                    "The `provider` SHOULD populate the `resolution details` structure's `reason` field with `\"STATIC\"`, `\"DEFAULT\",` `\"TARGETING_MATCH\"`, `\"SPLIT\"`, `\"CACHED\"`, `\"DISABLED\"`, `\"UNKNOWN\"`, `\"STALE\"`, `\"ERROR\"` or some other string indicating the semantic reason for the returned flag value.")
    @Test
    void given_a_matching_rule_that_serves_a_split_when_evaluated_then_the_reason_is_split_and_the_rule_is_named() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withRule(Rules.rule("germany")
                        .when(attribute("country").in("de"))
                        .serveSplit(Configs.split("red", 5000, "green", 5000)))
                .fallthrough("blue")
                .build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
        assertThat(evaluation.ruleId()).isEqualTo(new RuleId("germany"));
        assertThat(evaluation.value()).isIn("red", "green");
    }

    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.5",
            text =
                    "The `provider` SHOULD populate the `resolution details` structure's `reason` field with `\"STATIC\"`, `\"DEFAULT\",` `\"TARGETING_MATCH\"`, `\"SPLIT\"`, `\"CACHED\"`, `\"DISABLED\"`, `\"UNKNOWN\"`, `\"STALE\"`, `\"ERROR\"` or some other string indicating the semantic reason for the returned flag value.")
    @Test
    void given_nothing_matches_when_the_fallthrough_is_a_variant_then_it_is_served_as_default() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withTarget("red", "bob")
                .withRule(
                        Rules.rule("france").when(attribute("country").in("fr")).serve("green"))
                .fallthrough("blue")
                .build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.reason()).isEqualTo(Reason.DEFAULT);
        assertThat(evaluation.value()).isEqualTo("blue");
        assertThat(evaluation.ruleId()).isNull();
    }

    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.5",
            text =
                    "The `provider` SHOULD populate the `resolution details` structure's `reason` field with `\"STATIC\"`, `\"DEFAULT\",` `\"TARGETING_MATCH\"`, `\"SPLIT\"`, `\"CACHED\"`, `\"DISABLED\"`, `\"UNKNOWN\"`, `\"STALE\"`, `\"ERROR\"` or some other string indicating the semantic reason for the returned flag value.")
    @Test
    void given_nothing_matches_when_the_fallthrough_is_a_split_then_the_reason_is_split_with_no_rule_id() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withRule(
                        Rules.rule("france").when(attribute("country").in("fr")).serve("green"))
                .fallthroughSplit("red", 5000, "blue", 5000)
                .build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
        assertThat(evaluation.ruleId()).isNull();
        assertThat(evaluation.value()).isIn("red", "blue");
    }

    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.5",
            text =
                    "The `provider` SHOULD populate the `resolution details` structure's `reason` field with `\"STATIC\"`, `\"DEFAULT\",` `\"TARGETING_MATCH\"`, `\"SPLIT\"`, `\"CACHED\"`, `\"DISABLED\"`, `\"UNKNOWN\"`, `\"STALE\"`, `\"ERROR\"` or some other string indicating the semantic reason for the returned flag value.")
    @Test
    void given_no_targets_and_no_rules_when_evaluated_then_the_fallthrough_is_static() {
        FlagConfig config = Configs.on().offVariant("grey").fallthrough("blue").build();

        Evaluation evaluation =
                evaluator.prepare(colour, config).evaluate(Contexts.anonymous().build());

        assertThat(evaluation.reason()).isEqualTo(Reason.STATIC);
        assertThat(evaluation.value()).isEqualTo("blue");
    }

    @Test
    void a_single_target_makes_the_fallthrough_default_rather_than_static() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withTarget("red", "bob")
                .fallthrough("blue")
                .build();

        assertThat(evaluator.prepare(colour, config).evaluate(ALICE_IN_DE).reason())
                .isEqualTo(Reason.DEFAULT);
    }

    @Test
    void a_static_split_fallthrough_is_still_reported_as_split() {
        FlagConfig config = Configs.on()
                .fallthroughSplit(Split.booleanRollout(new BigDecimal("50")))
                .build();

        Evaluation evaluation = evaluator
                .prepare(Flags.aBooleanFlag("half").build(), config)
                .evaluate(Contexts.user("alice").build());

        assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
    }

    @Test
    void the_evaluation_names_the_flag_and_its_kind() {
        FlagConfig config = Configs.on().offVariant("grey").fallthrough("blue").build();

        Evaluation evaluation = evaluator.prepare(colour, config).evaluate(ALICE_IN_DE);

        assertThat(evaluation.flagKey()).isEqualTo("button-colour");
        assertThat(evaluation.kind()).isEqualTo(colour.kind());
    }

    @Test
    void a_prepared_flag_gives_the_same_answer_as_a_one_shot_evaluation() {
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withTarget("red", "bob")
                .withRule(Rules.rule("germany")
                        .when(attribute("country").in("de"))
                        .serve("green"))
                .fallthroughSplit("red", 3333, "blue", 6667)
                .build();
        PreparedFlag prepared = evaluator.prepare(colour, config);

        for (String user : new String[] {"alice", "bob", "carol", "dan", "erin"}) {
            EvaluationContext context = Contexts.user(user)
                    .with("country", user.length() == 5 ? "de" : "us")
                    .build();
            assertThat(prepared.evaluate(context))
                    .isEqualTo(evaluator.prepare(colour, config).evaluate(context));
        }
    }
}
