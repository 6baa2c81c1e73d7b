package dev.bunting.domain.experiment.statistics;

import java.util.Optional;

/**
 * A lift of treatment over control and its standard error, as gbstats' EffectMoments computes them: the absolute lift
 * is the difference of (adjusted) means; the relative lift divides it by the control's unadjusted mean, with its
 * variance from the delta method.
 */
record EffectEstimate(double lift, double standardError) {

    /**
     * Why the data cannot support an estimate, checked in gbstats' order, except that a relative lift over a control
     * whose mean is 0 is put down to the baseline (gbstats reports the variance, which is 0 for the same reason).
     */
    static Optional<Effect.Reason> whyNotEstimable(Arm control, Arm treatment, boolean relative) {
        if (relative && control.postMean() == 0) {
            return Optional.of(Effect.Reason.ZERO_BASELINE);
        }
        if (control.variance() <= 0 || treatment.variance() <= 0 || !(variance(control, treatment, relative) > 0)) {
            return Optional.of(Effect.Reason.ZERO_VARIANCE);
        }
        if (control.mean() == 0 || control.postMean() == 0) {
            return Optional.of(Effect.Reason.ZERO_BASELINE);
        }
        return Optional.empty();
    }

    /** The estimate, for arms that {@link #whyNotEstimable} accepts. */
    static EffectEstimate of(Arm control, Arm treatment, boolean relative) {
        double difference = treatment.mean() - control.mean();
        double lift = relative ? difference / Math.abs(control.postMean()) : difference;
        return new EffectEstimate(lift, Math.sqrt(variance(control, treatment, relative)));
    }

    private static double variance(Arm control, Arm treatment, boolean relative) {
        return relative
                ? relativeVariance(control, treatment)
                : treatment.variance() / treatment.n() + control.variance() / control.n();
    }

    /**
     * The delta-method variance of (treatment mean - control mean) / |control's unadjusted mean|, with CUPED terms
     * (gbstats' frequentist_variance_relative_cuped); with theta 0 it is the plain ratio variance.
     */
    private static double relativeVariance(Arm a, Arm b) {
        double baselineSquared = a.postMean() * a.postMean();
        double treatmentDenominator = b.n() * baselineSquared;
        double controlDenominator = a.n() * baselineSquared;
        if (treatmentDenominator == 0 || controlDenominator == 0) {
            return 0;
        }
        double theta = a.theta();
        double treatmentTerm = b.variance() / treatmentDenominator;
        double scale = -b.postMean();
        double controlTerm = (a.postVariance() * scale * scale / baselineSquared
                        + 2 * theta * a.covariance() * scale / a.postMean()
                        + theta * theta * a.preVariance())
                / controlDenominator;
        return treatmentTerm + controlTerm;
    }
}
