package dev.bunting.domain.experiment.statistics;

import java.util.OptionalDouble;

/** The estimated effect of a variant against control, on one scale (absolute or relative). */
public sealed interface Effect {

    /**
     * @param pValue from a survival function, so tiny values are not rounded to zero
     * @param adjustedPValue present when the analysis asked for a multiple-comparison correction
     * @param standardError of the lift
     */
    record Frequentist(double lift, Interval ci, double pValue, OptionalDouble adjustedPValue, double standardError)
            implements Effect {}

    /**
     * @param lift the posterior mean
     * @param ci the credible interval
     * @param standardError the posterior standard deviation
     */
    record Bayesian(double lift, Interval ci, double chanceToWin, ExpectedLoss expectedLoss, double standardError)
            implements Effect {}

    /** The data cannot support an estimate (gbstats returns its uninformative default output in these cases). */
    record NotEstimable(Reason reason) implements Effect {}

    enum Reason {
        /** A variant has one unit or fewer, or every unit has the same value. */
        ZERO_VARIANCE,
        /** The control's mean is zero, so there is no baseline to compare against. */
        ZERO_BASELINE
    }
}
