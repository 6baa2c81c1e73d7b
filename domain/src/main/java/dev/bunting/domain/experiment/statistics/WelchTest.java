package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.port.ProbabilityDistributions;
import java.util.OptionalDouble;

/** The fixed-horizon two-sided t-test with unequal variances (gbstats' TwoSidedTTest). */
final class WelchTest {

    private final ProbabilityDistributions distributions;

    WelchTest(ProbabilityDistributions distributions) {
        this.distributions = distributions;
    }

    Effect.Frequentist test(EffectEstimate estimate, Arm control, Arm treatment, double alpha) {
        double dof = welchSatterthwaite(control, treatment);
        double t = estimate.lift() / estimate.standardError();
        double pValue = Math.min(1, 2 * distributions.studentTSurvival(Math.abs(t), dof));
        double halfWidth = distributions.studentTUpperQuantile(alpha / 2, dof) * estimate.standardError();
        return new Effect.Frequentist(
                estimate.lift(),
                new Interval(estimate.lift() - halfWidth, estimate.lift() + halfWidth),
                pValue,
                OptionalDouble.empty(),
                estimate.standardError());
    }

    /** The degrees of freedom Welch's test gives the difference of two means with unequal variances. */
    private static double welchSatterthwaite(Arm a, Arm b) {
        double perUnitA = a.variance() / a.n();
        double perUnitB = b.variance() / b.n();
        return Math.pow(perUnitA + perUnitB, 2)
                / (perUnitB * perUnitB / (b.n() - 1) + perUnitA * perUnitA / (a.n() - 1));
    }
}
