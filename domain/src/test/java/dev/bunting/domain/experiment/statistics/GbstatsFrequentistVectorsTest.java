package dev.bunting.domain.experiment.statistics;

import static dev.bunting.domain.experiment.statistics.Samples.assertFrequentist;
import static dev.bunting.domain.experiment.statistics.Samples.compare;
import static dev.bunting.domain.experiment.statistics.Samples.conversions;
import static dev.bunting.domain.experiment.statistics.Samples.mean;
import static dev.bunting.domain.experiment.statistics.Samples.withCovariate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * GrowthBook gbstats' frequentist unit tests ({@code packages/stats/tests/frequentist/test_tests.py}, growthbook/growthbook
 * at 8f1db445), each named after the gbstats test it ports; gbstats asserts to 5 decimals and so does this.
 */
class GbstatsFrequentistVectorsTest {

    private static final AnalysisSettings FIXED = AnalysisSettings.defaults(MetricType.MEAN, Inference.FREQUENTIST);
    private static final VariantSample CONTROL = mean("control", 3407, 1396.87, 52377.9767);
    private static final VariantSample TREATMENT = mean("treatment", 3461, 2422.7, 134698.29);

    @Test
    void gbstats_test_two_sided_ttest() {
        assertFrequentist(compare(FIXED, CONTROL, TREATMENT).relative(), 0.70732, -0.03526, 1.44989, 0.37879, 0.06191);
    }

    @Test
    void gbstats_test_two_sided_ttest_absolute() {
        assertFrequentist(compare(FIXED, CONTROL, TREATMENT).absolute(), 0.29, 0.04538, 0.53462, 0.12478, 0.02016);
    }

    @Test
    void gbstats_test_two_sided_ttest_binom() {
        var settings = AnalysisSettings.defaults(MetricType.BINOMIAL, Inference.FREQUENTIST);

        var result = compare(settings, conversions("control", 28, 14), conversions("treatment", 30, 16));

        assertFrequentist(result.relative(), (16.0 / 30 - 0.5) / 0.5, -0.47767, 0.61101, 0.2717, 0.80707);
    }

    @Test
    void gbstats_test_two_sided_ttest_missing_variance() {
        var result = compare(FIXED, mean("control", 2, 1396.87, 52377.9767), TREATMENT);

        assertThat(result.relative()).isEqualTo(new Effect.NotEstimable(Effect.Reason.ZERO_VARIANCE));
        assertThat(result.absolute()).isEqualTo(new Effect.NotEstimable(Effect.Reason.ZERO_VARIANCE));
    }

    @Test
    void gbstats_test_sequential_test_runs() {
        var settings = FIXED.withSequential(new SequentialTesting(1000));

        var result = compare(settings, mean("control", 3000, 1396.87, 52377.9767), TREATMENT);

        assertFrequentist(result.relative(), 0.50336, -0.55844, 1.56516, 0.33341, 1);
    }

    @Test
    void gbstats_test_sequential_test_runs_prop() {
        var settings = AnalysisSettings.defaults(MetricType.BINOMIAL, Inference.FREQUENTIST)
                .withSequential(SequentialTesting.withDefaultTuning());

        var result = compare(settings, conversions("control", 3000, 1396), conversions("treatment", 3461, 2422));

        assertFrequentist(result.relative(), 0.50386, 0.40098, 0.60675, 0.03386, 0.0);
    }

    @Test
    void gbstats_test_sequential_test_runs_ra() {
        var settings = FIXED.withSequential(SequentialTesting.withDefaultTuning());
        var control = withCovariate(mean("control", 3000, 1396.87, 52377.9767), 3000, 16.87, 527.9767, 1);
        var treatment = withCovariate(TREATMENT, 3461, 22.7, 1348.29, 1);

        assertFrequentist(compare(settings, control, treatment).relative(), 0.50338, -0.50969, 1.51646, 0.33341, 1);
    }

    @Test
    void gbstats_test_sequential_test_tuning_as_expected() {
        var control = mean("control", 3000, 1396.87, 52377.9767);
        Interval below = sequentialInterval(control, 10);
        Interval near = sequentialInterval(control, 6461);
        Interval above = sequentialInterval(control, 10000);

        assertThat(below.lower()).isLessThan(above.lower());
        assertThat(below.upper()).isGreaterThan(above.upper());
        assertThat(below.lower()).isLessThan(near.lower());
        assertThat(below.upper()).isGreaterThan(near.upper());
        assertThat(above.lower()).isLessThan(near.lower());
        assertThat(above.upper()).isGreaterThan(near.upper());
    }

    private static Interval sequentialInterval(VariantSample control, double tuning) {
        var settings = FIXED.withSequential(new SequentialTesting(tuning));
        return ((Effect.Frequentist) compare(settings, control, TREATMENT).relative()).ci();
    }
}
