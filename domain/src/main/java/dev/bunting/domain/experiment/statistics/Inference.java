package dev.bunting.domain.experiment.statistics;

/** How the engine turns an estimated effect into a decision aid. */
public enum Inference {
    /** Welch's t-test: confidence interval and p-value (or a sequential confidence sequence). */
    FREQUENTIST,
    /** A Gaussian posterior under a flat prior: credible interval, chance to beat control and expected loss. */
    BAYESIAN
}
