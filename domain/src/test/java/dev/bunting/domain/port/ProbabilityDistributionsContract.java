package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * The definition of {@link ProbabilityDistributions}. Every implementation extends this suite. Reference values are
 * SciPy 1.17's ({@code scipy.stats.norm}, {@code t}, {@code chi2}), the library gbstats computes with; they agree to
 * within a millionth of a percent, far tails included.
 */
public abstract class ProbabilityDistributionsContract {

    private static final double CLOSE = 1e-6;

    protected abstract ProbabilityDistributions distributions();

    @Test
    void the_normal_upper_tail_and_its_inverse_agree_with_the_reference() {
        ProbabilityDistributions d = distributions();

        assertThat(d.normalSurvival(1.959963984540054)).isCloseTo(0.025, withinPercentage(CLOSE));
        assertThat(d.normalUpperQuantile(0.025)).isCloseTo(1.9599639845400545, withinPercentage(CLOSE));
        assertThat(d.normalUpperQuantile(1e-12)).isCloseTo(7.034483825301131, withinPercentage(CLOSE));
        assertThat(d.normalDensity(0.5)).isCloseTo(0.35206532676429947, withinPercentage(CLOSE));
    }

    @Test
    void far_tails_keep_their_digits_instead_of_rounding_to_zero() {
        ProbabilityDistributions d = distributions();

        assertThat(d.normalSurvival(10)).isCloseTo(7.61985302416047e-24, withinPercentage(CLOSE));
        assertThat(d.studentTSurvival(40, 12.3)).isCloseTo(1.060948247938835e-14, withinPercentage(CLOSE));
        assertThat(d.chiSquaredSurvival(200, 3)).isCloseTo(4.218541107192018e-43, withinPercentage(CLOSE));
    }

    @Test
    void student_t_takes_fractional_degrees_of_freedom_as_welchs_test_needs() {
        ProbabilityDistributions d = distributions();

        assertThat(d.studentTSurvival(2.1, 7.5)).isCloseTo(0.035618535729039044, withinPercentage(CLOSE));
        assertThat(d.studentTUpperQuantile(0.025, 7.5)).isCloseTo(2.3330396268649745, withinPercentage(CLOSE));
        assertThat(d.studentTUpperQuantile(0.025, 6822.4)).isCloseTo(1.9603117631803757, withinPercentage(CLOSE));
    }

    @Test
    void chi_squared_upper_tail_agrees_with_the_reference() {
        ProbabilityDistributions d = distributions();

        assertThat(d.chiSquaredSurvival(3.5, 1)).isCloseTo(0.0613688291394023, withinPercentage(CLOSE));
        assertThat(d.chiSquaredSurvival(4.4, 2)).isCloseTo(0.11080315836233386, withinPercentage(CLOSE));
    }
}
