package dev.bunting.domain.experiment.statistics;

import static dev.bunting.domain.experiment.statistics.Samples.assertBayesian;
import static dev.bunting.domain.experiment.statistics.Samples.compare;
import static dev.bunting.domain.experiment.statistics.Samples.conversions;
import static dev.bunting.domain.experiment.statistics.Samples.mean;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bunting.domain.Distributions;
import org.junit.jupiter.api.Test;

/**
 * GrowthBook gbstats' Bayesian unit tests ({@code packages/stats/tests/bayesian/test_tests.py}, growthbook/growthbook at
 * 8f1db445) under its default prior, the improper flat one, each named after the gbstats test it ports.
 */
class GbstatsBayesianVectorsTest {

    @Test
    void gbstats_binom_test_bayesian_binomial_ab_test() {
        var settings = AnalysisSettings.defaults(MetricType.BINOMIAL, Inference.BAYESIAN);

        var result = compare(settings, conversions("control", 100, 49), conversions("treatment", 100, 51));

        assertBayesian(result.relative(), 0.04082, -0.24779, 0.32943, 0.14725, 0.60918, 0.0814, 0.04058);
    }

    @Test
    void gbstats_binom_test_missing_data() {
        var settings = AnalysisSettings.defaults(MetricType.BINOMIAL, Inference.BAYESIAN);

        var result = compare(settings, conversions("control", 0, 0), conversions("treatment", 0, 0));

        assertThat(result.relative()).isInstanceOf(Effect.NotEstimable.class);
        assertThat(result.absolute()).isInstanceOf(Effect.NotEstimable.class);
    }

    @Test
    void gbstats_norm_test_bayesian_gaussian_ab_test() {
        var settings = AnalysisSettings.defaults(MetricType.MEAN, Inference.BAYESIAN);

        var result = compare(settings, mean("control", 10, 100, 1002.25), mean("treatment", 10, 105, 1111.5));

        assertBayesian(result.relative(), 0.05, -0.02, 0.12, 0.03572, 0.91923, 0.05131, 0.00131);
    }

    @Test
    void gbstats_norm_test_missing_data() {
        var settings = AnalysisSettings.defaults(MetricType.MEAN, Inference.BAYESIAN);

        var result = compare(settings, mean("control", 0, 0, 0), mean("treatment", 0, 0, 0));

        assertThat(result.relative()).isInstanceOf(Effect.NotEstimable.class);
    }

    @Test
    void gbstats_get_risk_numerical_stability_test_normal_inputs_bit_exact_regression() {
        var loss = posterior(0.1, 0.05).expectedLoss();

        assertThat(loss.ofShippingControl()).isCloseTo(0.1004245351308, within(0.5e-10));
        assertThat(loss.ofShippingTreatment()).isCloseTo(0.0004245351308414, within(0.5e-10));
    }

    @Test
    void gbstats_get_risk_numerical_stability_test_extreme_mu_over_sigma_no_overflow() {
        assertThat(posterior(0.01, 4.5e-9).expectedLoss()).isEqualTo(new ExpectedLoss(0.01, 0.0));
        assertThat(posterior(-0.01, 4.5e-9).expectedLoss()).isEqualTo(new ExpectedLoss(0.0, 0.01));
    }

    private static Effect.Bayesian posterior(double mean, double sd) {
        return new GaussianPosterior(new Distributions()).posterior(new EffectEstimate(mean, sd), 0.05);
    }
}
