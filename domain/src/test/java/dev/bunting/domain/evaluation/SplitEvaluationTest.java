package dev.bunting.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Contexts;
import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

/** spec/bucketing.md § "A split": which variant a bucket gets, and what happens without a unit. */
class SplitEvaluationTest {

    private final Evaluator evaluator = Evaluators.standard();
    private final Bucketing bucketing = new Bucketing(MurmurHash3::hash32x86);
    private final Flag checkout =
            Flags.aStringFlag("new-checkout", "a", "b", "c").build();

    @Specification(
            spec = Spec.BUCKETING,
            clause = "A split",
            text = "The variant served is the first one whose cumulative weight is greater than the bucket.")
    @Test
    void the_variant_served_is_the_first_whose_cumulative_weight_exceeds_the_bucket() {
        Split split = Configs.split("a", 3000, "b", 2000, "c", 5000);

        assertThat(variantFor(split, 0)).isEqualTo(new VariantKey("a"));
        assertThat(variantFor(split, 2999)).isEqualTo(new VariantKey("a"));
        assertThat(variantFor(split, 3000)).isEqualTo(new VariantKey("b"));
        assertThat(variantFor(split, 4999)).isEqualTo(new VariantKey("b"));
        assertThat(variantFor(split, 5000)).isEqualTo(new VariantKey("c"));
        assertThat(variantFor(split, 9999)).isEqualTo(new VariantKey("c"));
    }

    @Test
    void a_zero_weight_variant_is_never_served() {
        Split split = Configs.split("a", 0, "b", 10000);

        assertThat(variantFor(split, 0)).isEqualTo(new VariantKey("b"));
        assertThat(variantFor(split, 9999)).isEqualTo(new VariantKey("b"));
    }

    @Test
    void thirty_percent_on_serves_true_to_buckets0_to2999() {
        Split split = Split.booleanRollout(new BigDecimal("30"));

        assertThat(variantFor(split, 2999)).isEqualTo(VariantKey.TRUE);
        assertThat(variantFor(split, 3000)).isEqualTo(VariantKey.FALSE);
    }

    @Test
    void the_evaluator_serves_the_variant_of_the_units_bucket() {
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 3000, "b", 2000, "c", 5000)
                .build();
        Split split = Configs.split("a", 3000, "b", 2000, "c", 5000);

        for (int i = 0; i < 500; i++) {
            String unit = "user-" + i;
            Evaluation evaluation = evaluator
                    .prepare(checkout, config)
                    .evaluate(Contexts.user(unit).build());
            VariantKey expected = variantFor(split, bucketing.bucket("new-checkout", unit));
            assertThat(evaluation.variant()).as(unit).isEqualTo(expected);
            assertThat(evaluation.value()).isEqualTo(expected.value());
            assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
        }
    }

    @Test
    void a_vector_unit_lands_in_the_variant_its_bucket_dictates() {
        // bucketing-vectors.json: new-checkout / alice → bucket 572, the last bucket of a; new-checkout / bob → bucket
        // 9562, the first of c
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 573, "b", 8989, "c", 438)
                .build();

        assertThat(evaluator
                        .prepare(checkout, config)
                        .evaluate(Contexts.user("alice").build())
                        .value())
                .isEqualTo("a");
        assertThat(evaluator
                        .prepare(checkout, config)
                        .evaluate(Contexts.user("bob").build())
                        .value())
                .isEqualTo("c");
    }

    @Specification(
            spec = Spec.BUCKETING,
            clause = "The bucket",
            text = "`salt` is the flag's salt. It defaults to the flag key and can be changed to reshuffle everyone.")
    @Test
    void the_salt_not_the_key_is_hashed() {
        // the flag key is "renamed", but its salt is still "new-checkout": alice keeps bucket 572
        Flag renamed =
                Flags.aStringFlag("renamed", "a", "b").salt("new-checkout").build();
        FlagConfig justAboveAlice = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 573, "b", 9427)
                .build();
        FlagConfig justBelowAlice = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 572, "b", 9428)
                .build();

        assertThat(evaluator
                        .prepare(renamed, justAboveAlice)
                        .evaluate(Contexts.user("alice").build())
                        .value())
                .isEqualTo("a");
        assertThat(evaluator
                        .prepare(renamed, justBelowAlice)
                        .evaluate(Contexts.user("alice").build())
                        .value())
                .isEqualTo("b");
    }

    @Specification(
            spec = Spec.BUCKETING,
            clause = "A split",
            text = "If one variant carries all 10000, it is served without looking at the unit.")
    @Test
    void a_variant_carrying_all10000_is_served_without_a_unit() {
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 0, "b", 10000, "c", 0)
                .build();

        Evaluation evaluation = evaluator
                .prepare(checkout, config)
                .evaluate(Contexts.anonymous().build());

        assertThat(evaluation.isError()).isFalse();
        assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
        assertThat(evaluation.value()).isEqualTo("b");
    }

    @Specification(
            spec = Spec.BUCKETING,
            clause = "A split",
            text =
                    "Otherwise, a context with no unit (attribute missing or empty) gets an evaluation error `TARGETING_KEY_MISSING` and the caller's default, never a silent guess.")
    @Test
    void a_split_without_a_unit_is_an_error_not_a_guess() {
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 5000, "b", 5000)
                .build();

        for (EvaluationContext noUnit :
                List.of(Contexts.anonymous().build(), Contexts.user("").build())) {
            Evaluation evaluation = evaluator.prepare(checkout, config).evaluate(noUnit);

            assertThat(evaluation.reason()).isEqualTo(Reason.ERROR);
            assertThat(evaluation.errorCode()).isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
            assertThat(evaluation.value()).isNull();
            assertThat(evaluation.variant()).isNull();
            assertThat(evaluation.errorMessage()).contains("targetingKey");
        }
    }

    @Specification(
            spec = Spec.BUCKETING,
            clause = "The bucket",
            text =
                    "`unit` is the value of the flag's bucketing attribute in the evaluation context. By default that is the targeting key (`user_id` / `targetingKey`); a flag may name another attribute, such as `company_id`.")
    @Test
    void a_custom_bucket_by_attribute_is_the_unit() {
        Flag byCompany = Flags.aStringFlag("new-checkout", "a", "b")
                .bucketBy("company_id")
                .build();
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 5000, "b", 5000)
                .build();

        // everyone at one company gets the same variant, whoever they are: the unit is the company
        VariantKey expected = variantFor(Configs.split("a", 5000, "b", 5000), bucketing.bucket("new-checkout", "acme"));
        for (String user : List.of("alice", "bob", "carol", "dan")) {
            Evaluation evaluation = evaluator
                    .prepare(byCompany, config)
                    .evaluate(Contexts.user(user).with("company_id", "acme").build());
            assertThat(evaluation.variant()).as(user).isEqualTo(expected);
        }
    }

    @Test
    void a_missing_bucket_by_attribute_is_targeting_key_missing_even_with_a_targeting_key() {
        Flag byCompany = Flags.aStringFlag("new-checkout", "a", "b")
                .bucketBy("company_id")
                .build();
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 5000, "b", 5000)
                .build();

        Evaluation evaluation = evaluator
                .prepare(byCompany, config)
                .evaluate(Contexts.user("alice").build());

        assertThat(evaluation.errorCode()).isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
        assertThat(evaluation.errorMessage()).contains("company_id");
        assertThat(evaluation.value()).isNull();
    }

    @Test
    void numeric_units_are_bucketed_by_their_canonical_text() {
        // bucketing-vectors.json: new-checkout / "42" → bucket 9532
        Flag byCompany = Flags.aStringFlag("new-checkout", "a", "b")
                .bucketBy("company_id")
                .build();
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 9533, "b", 467)
                .build();
        FlagConfig shifted = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 9532, "b", 468)
                .build();

        for (Object fortyTwo : List.<Object>of("42", 42, 42L, 42.0d, new BigDecimal("42.000"))) {
            EvaluationContext context =
                    Contexts.anonymous().with("company_id", fortyTwo).build();
            assertThat(evaluator.prepare(byCompany, config).evaluate(context).value())
                    .as("%s (%s)", fortyTwo, fortyTwo.getClass())
                    .isEqualTo("a");
            assertThat(evaluator.prepare(byCompany, shifted).evaluate(context).value())
                    .as("%s (%s)", fortyTwo, fortyTwo.getClass())
                    .isEqualTo("b");
        }
    }

    @Test
    void boolean_units_are_bucketed_as_the_words_true_and_false() {
        Flag byFlagship =
                Flags.aStringFlag("new-checkout", "a", "b").bucketBy("flagship").build();
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 5000, "b", 5000)
                .build();
        VariantKey expected = variantFor(Configs.split("a", 5000, "b", 5000), bucketing.bucket("new-checkout", "true"));

        assertThat(evaluator
                        .prepare(byFlagship, config)
                        .evaluate(Contexts.anonymous().with("flagship", true).build())
                        .variant())
                .isEqualTo(expected);
    }

    @Test
    void an_object_valued_unit_is_invalid_context() {
        Flag byCompany = Flags.aStringFlag("new-checkout", "a", "b")
                .bucketBy("company_id")
                .build();
        FlagConfig config = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 5000, "b", 5000)
                .build();

        for (Object unit : List.<Object>of(Map.of("id", "acme"), List.of("acme"))) {
            Evaluation evaluation = evaluator
                    .prepare(byCompany, config)
                    .evaluate(Contexts.user("alice").with("company_id", unit).build());

            assertThat(evaluation.reason()).isEqualTo(Reason.ERROR);
            assertThat(evaluation.errorCode()).as("%s", unit).isEqualTo(ErrorCode.INVALID_CONTEXT);
            assertThat(evaluation.value()).isNull();
        }
    }

    @Test
    void a_rule_split_is_bucketed_the_same_way_as_the_fallthrough() {
        FlagConfig viaRule = Configs.on()
                .offVariant("a")
                .withRule(dev.bunting.domain.Rules.rule("everyone")
                        .when(dev.bunting.domain.Clauses.attribute(EvaluationContext.TARGETING_KEY)
                                .exists())
                        .serveSplit(Configs.split("a", 3000, "b", 7000)))
                .fallthrough("c")
                .build();
        FlagConfig viaFallthrough = Configs.on()
                .offVariant("a")
                .fallthroughSplit("a", 3000, "b", 7000)
                .build();

        for (int i = 0; i < 200; i++) {
            EvaluationContext context = Contexts.user("user-" + i).build();
            assertThat(evaluator.prepare(checkout, viaRule).evaluate(context).variant())
                    .isEqualTo(evaluator
                            .prepare(checkout, viaFallthrough)
                            .evaluate(context)
                            .variant());
        }
    }

    /** The variant a bucket gets: the weight at the index evaluation uses. */
    private static VariantKey variantFor(Split split, int bucket) {
        return split.weights().get(split.indexFor(bucket)).variant();
    }
}
