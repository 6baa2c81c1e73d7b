package dev.bunting.domain.experiment.statistics;

import static dev.bunting.domain.experiment.statistics.Samples.ENGINE;
import static dev.bunting.domain.experiment.statistics.Samples.FIVE_DECIMALS;
import static dev.bunting.domain.experiment.statistics.Samples.assertBayesian;
import static dev.bunting.domain.experiment.statistics.Samples.assertFrequentist;
import static dev.bunting.domain.experiment.statistics.Samples.compare;
import static dev.bunting.domain.experiment.statistics.Samples.conversions;
import static dev.bunting.domain.experiment.statistics.Samples.mean;
import static dev.bunting.domain.experiment.statistics.Samples.withCovariate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.flag.VariantKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsEngineTest {

    private static final AnalysisSettings FREQUENTIST =
            AnalysisSettings.defaults(MetricType.MEAN, Inference.FREQUENTIST);
    private static final AnalysisSettings BAYESIAN = AnalysisSettings.defaults(MetricType.MEAN, Inference.BAYESIAN);

    // Correlated pre- and post-exposure values (post = 0.8 pre + noise, 500 and 520 units), whose reference results
    // come from running gbstats 8f1db445's TwoSidedTTest and EffectBayesianABTest on RegressionAdjustedStatistic.
    private static final VariantSample CUPED_CONTROL = withCovariate(
            mean("control", 500, 4833.832652161702, 50270.891794300114),
            500,
            4807.5067207416105,
            50174.72012092526,
            49645.06880683181);
    private static final VariantSample CUPED_TREATMENT = withCovariate(
            mean("treatment", 520, 5335.189847888976, 59366.75069549488),
            520,
            5195.364581949059,
            57168.521106737084,
            57591.95526163154);

    @Test
    void cuped_agrees_with_gbstats_on_correlated_covariates() {
        var frequentist = compare(FREQUENTIST, CUPED_CONTROL, CUPED_TREATMENT);
        var bayesian = compare(BAYESIAN, CUPED_CONTROL, CUPED_TREATMENT);

        assertFrequentist(frequentist.relative(), 0.02967, 0.01070, 0.04864, 0.00967, 0.00220);
        assertFrequentist(frequentist.absolute(), 0.28682, 0.10906, 0.46459, 0.09059, 0.00159);
        assertBayesian(bayesian.relative(), 0.02967, 0.01072, 0.04861, 0.00967, 0.99893, 0.02967, 0.0);
        assertBayesian(bayesian.absolute(), 0.28682, 0.10927, 0.46437, 0.09059, 0.99923, 0.28684, 0.00002);
    }

    @Test
    void cuped_on_a_binomial_metric_agrees_with_gbstats() {
        var settings = AnalysisSettings.defaults(MetricType.BINOMIAL, Inference.FREQUENTIST);
        var control = VariantSample.of(
                new VariantKey("control"),
                SampleMoments.ofConversions(1000, 200),
                new Covariate(SampleMoments.ofConversions(1000, 180), 120));
        var treatment = VariantSample.of(
                new VariantKey("treatment"),
                SampleMoments.ofConversions(1000, 240),
                new Covariate(SampleMoments.ofConversions(1000, 185), 130));

        assertFrequentist(
                compare(settings, control, treatment).relative(), 0.18578, 0.01671, 0.35485, 0.08621, 0.03128);
    }

    @Test
    void cuped_shrinks_the_standard_error_when_the_covariate_predicts_the_outcome() {
        var adjusted = (Effect.Frequentist)
                compare(FREQUENTIST, CUPED_CONTROL, CUPED_TREATMENT).absolute();
        var plain = (Effect.Frequentist) compare(
                        FREQUENTIST,
                        VariantSample.of(CUPED_CONTROL.key(), CUPED_CONTROL.outcome()),
                        VariantSample.of(CUPED_TREATMENT.key(), CUPED_TREATMENT.outcome()))
                .absolute();

        assertThat(adjusted.standardError()).isLessThan(plain.standardError());
    }

    @Test
    void a_tiny_p_value_is_computed_from_the_tail_not_rounded_to_zero() {
        // 5000 units a side, means 10 and 11, variance about 4: t = 25.0. gbstats' 2 * (1 - cdf) gives 0.0; the
        // reference is SciPy's 2 * t.sf(24.9974998749875, 9998).
        var result =
                compare(FREQUENTIST, mean("control", 5000, 50_000, 520_000), mean("treatment", 5000, 55_000, 625_000));

        var absolute = (Effect.Frequentist) result.absolute();
        assertThat(absolute.pValue()).isCloseTo(7.909341171985026e-134, withinPercentage(1e-4));
    }

    @Test
    void daily_rollups_add_up_to_the_same_result_as_the_whole_phase() {
        var day1 = mean("treatment", 1000, 700.5, 40_000.25);
        var day2 = mean("treatment", 2461, 1722.2, 94_698.04);
        var whole = compare(FREQUENTIST, mean("control", 3407, 1396.87, 52377.9767), day1.plus(day2));
        var reference = compare(
                FREQUENTIST, mean("control", 3407, 1396.87, 52377.9767), mean("treatment", 3461, 2422.7, 134_698.29));

        assertThat(((Effect.Frequentist) whole.relative()).pValue())
                .isCloseTo(((Effect.Frequentist) reference.relative()).pValue(), FIVE_DECIMALS);
        assertThat(whole.units()).isEqualTo(3461);
    }

    @Test
    void rollups_with_covariates_add_their_cross_terms_too() {
        var first = withCovariate(mean("a", 2, 3, 5), 2, 1, 1, 2);
        var second = withCovariate(mean("a", 1, 4, 16), 1, 2, 4, 8);

        assertThat(first.plus(second)).isEqualTo(withCovariate(mean("a", 3, 7, 21), 3, 3, 5, 10));
    }

    @Test
    void rollups_of_different_variants_do_not_add_up() {
        assertThatThrownBy(() -> mean("a", 1, 1, 1).plus(mean("b", 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_variant_is_compared_with_the_first_and_the_controls_units_and_mean_are_reported() {
        var analysis = ENGINE.analyze(
                FREQUENTIST,
                List.of(mean("control", 100, 500, 2600), mean("b", 100, 520, 2800), mean("c", 100, 480, 2400)));

        assertThat(analysis.control()).isEqualTo(new VariantKey("control"));
        assertThat(analysis.controlUnits()).isEqualTo(100);
        assertThat(analysis.controlMean()).isEqualTo(5.0);
        assertThat(analysis.variants())
                .extracting(VariantComparison::key)
                .containsExactly(new VariantKey("b"), new VariantKey("c"));
        assertThat(analysis.variants()).extracting(VariantComparison::mean).containsExactly(5.2, 4.8);
    }

    @Test
    void a_correction_adjusts_the_p_values_of_all_variants_as_one_family() {
        var settings = FREQUENTIST.withCorrection(PValueCorrection.HOLM_BONFERRONI);
        var variants = List.of(mean("control", 100, 500, 2600), mean("b", 100, 560, 3300), mean("c", 100, 530, 2900));

        var plain = ENGINE.analyze(FREQUENTIST, variants).variants();
        var corrected = ENGINE.analyze(settings, variants).variants();

        var p = plain.stream()
                .map(v -> ((Effect.Frequentist) v.absolute()).pValue())
                .toList();
        var expected = PValueCorrection.HOLM_BONFERRONI.adjust(p);
        assertThat(corrected)
                .extracting(v ->
                        ((Effect.Frequentist) v.absolute()).adjustedPValue().orElseThrow())
                .containsExactlyElementsOf(expected);
        assertThat(plain)
                .allSatisfy(v -> assertThat(((Effect.Frequentist) v.relative()).adjustedPValue())
                        .isEmpty());
    }

    @Test
    void a_control_with_a_zero_mean_has_no_baseline() {
        var result = compare(FREQUENTIST, mean("control", 10, 0, 40), mean("treatment", 10, 5, 45));

        assertThat(result.relative()).isEqualTo(new Effect.NotEstimable(Effect.Reason.ZERO_BASELINE));
        assertThat(result.absolute()).isEqualTo(new Effect.NotEstimable(Effect.Reason.ZERO_BASELINE));
    }

    @Test
    void sample_ratio_mismatch_agrees_with_gbstats_check_srm() {
        // references: gbstats 8f1db445 utils.check_srm on the same counts and weights
        assertThat(ENGINE.sampleRatioMismatch(List.of(1000L, 1100L), List.of(0.5, 0.5))
                        .pValue())
                .isCloseTo(0.029096331741252267, withinPercentage(1e-6));
        assertThat(ENGINE.sampleRatioMismatch(List.of(100L, 130L, 50L), List.of(0.5, 0.5, 0.0))
                        .pValue())
                .isCloseTo(0.0023078738918043775, withinPercentage(1e-6));
        assertThat(ENGINE.sampleRatioMismatch(List.of(5000L, 5600L, 4800L), List.of(0.4, 0.4, 0.2))
                        .pValue())
                .isCloseTo(8.651562905499602e-268, withinPercentage(1e-4));
    }

    @Test
    void a_mismatch_is_flagged_below_one_in_a_thousand_once_every_variant_has_eight_units() {
        var mismatch = ENGINE.sampleRatioMismatch(List.of(10_000L, 12_000L), List.of(1.0, 1.0));
        assertThat(mismatch.pValue()).isCloseTo(1.9428901015464146e-41, withinPercentage(1e-6));
        assertThat(mismatch.flagged()).isTrue();
        assertThat(ENGINE.sampleRatioMismatch(List.of(7L, 200L), List.of(1.0, 1.0))
                        .flagged())
                .isFalse();
        assertThat(ENGINE.sampleRatioMismatch(List.of(1000L, 1100L), List.of(1.0, 1.0))
                        .flagged())
                .isFalse();
        assertThat(ENGINE.sampleRatioMismatch(List.of(0L, 0L), List.of(1.0, 1.0)))
                .isEqualTo(new SampleRatioMismatch(1, false));
    }

    @Test
    void the_analysis_checks_the_split_against_the_given_weights() {
        var variants = List.of(conversions("control", 2000, 100), conversions("treatment", 1000, 50));
        var settings = AnalysisSettings.defaults(MetricType.BINOMIAL, Inference.BAYESIAN);

        assertThat(ENGINE.analyze(settings, variants).srm().flagged()).isTrue();
        assertThat(ENGINE.analyze(settings.withWeights(List.of(2.0, 1.0)), variants)
                        .srm()
                        .pValue())
                .isEqualTo(1.0);
    }

    @Test
    void bad_input_is_refused_naming_the_field() {
        var control = mean("control", 10, 10, 20);
        assertRefused(() -> ENGINE.analyze(FREQUENTIST, List.of(control)), "variants");
        assertRefused(
                () -> ENGINE.analyze(FREQUENTIST, List.of(control, mean("control", 10, 1, 1))), "variants[1].key");
        assertRefused(
                () -> ENGINE.analyze(FREQUENTIST, List.of(control, withCovariate(mean("b", 10, 1, 1), 10, 1, 1, 1))),
                "variants[1].covariate");
        assertRefused(
                () -> ENGINE.analyze(
                        AnalysisSettings.defaults(MetricType.BINOMIAL, Inference.FREQUENTIST),
                        List.of(conversions("control", 10, 11), conversions("b", 10, 1))),
                "variants[0].sum");
        assertRefused(
                () -> ENGINE.analyze(FREQUENTIST.withWeights(List.of(1.0)), List.of(control, control)), "weights");
        assertRefused(() -> FREQUENTIST.withAlpha(1), "alpha");
        assertRefused(() -> FREQUENTIST.withWeights(List.of(0.0, 0.0)), "weights");
        assertRefused(() -> FREQUENTIST.withWeights(List.of(1.0, -1.0)), "weights[1]");
        assertRefused(() -> BAYESIAN.withSequential(SequentialTesting.withDefaultTuning()), "sequential");
        assertRefused(() -> new SequentialTesting(0), "sequential.tuning");
        assertRefused(() -> new SampleMoments(-1, 0, 0), "n");
        assertRefused(() -> new SampleMoments(1, Double.NaN, 0), "sum");
        assertRefused(() -> new SampleMoments(1, 1, -1), "sum_squares");
        assertRefused(() -> withCovariate(mean("b", 10, 1, 1), 9, 1, 1, 1), "covariate");
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo(field));
    }
}
