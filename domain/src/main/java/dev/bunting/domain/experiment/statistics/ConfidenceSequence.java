package dev.bunting.domain.experiment.statistics;

import java.util.OptionalDouble;

/**
 * The two-sided asymptotic confidence sequence of Waudby-Smith et al. 2023 (arXiv:2103.06476v7), as gbstats'
 * SequentialTwoSidedTTest computes it: an interval valid at every look, and the always-valid p-value that goes with it.
 */
final class ConfidenceSequence {

    private ConfidenceSequence() {}

    static Effect.Frequentist test(EffectEstimate estimate, long totalUnits, double alpha, SequentialTesting settings) {
        double n = totalUnits;
        double rhoSquared = rhoSquared(alpha, settings.tuning());
        double nRhoSquaredPlusOne = n * rhoSquared + 1;
        double unitVariance = estimate.standardError() * estimate.standardError() * n;
        // eq. 9 of the paper
        double halfWidth = Math.sqrt(unitVariance)
                * Math.sqrt(2
                        * nRhoSquaredPlusOne
                        * Math.log(Math.sqrt(nRhoSquaredPlusOne) / alpha)
                        / (n * n * rhoSquared));
        // eq. 155, the reciprocal of the e-value, with the exponent kept negative so it cannot overflow
        double standardisedSquared =
                estimate.lift() * estimate.lift() * n / (estimate.standardError() * estimate.standardError());
        double pValue = Math.min(
                1,
                Math.sqrt(nRhoSquaredPlusOne) * Math.exp(-rhoSquared * standardisedSquared / (2 * nRhoSquaredPlusOne)));
        return new Effect.Frequentist(
                estimate.lift(),
                new Interval(estimate.lift() - halfWidth, estimate.lift() + halfWidth),
                pValue,
                OptionalDouble.empty(),
                estimate.standardError());
    }

    /** The mixture's rho squared that makes the sequence tightest at {@code tuning} units (eq. 161). */
    private static double rhoSquared(double alpha, double tuning) {
        double minusTwoLogAlpha = -2 * Math.log(alpha);
        return (minusTwoLogAlpha + Math.log(minusTwoLogAlpha + 1)) / tuning;
    }
}
