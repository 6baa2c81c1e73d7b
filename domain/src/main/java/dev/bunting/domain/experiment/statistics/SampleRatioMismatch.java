package dev.bunting.domain.experiment.statistics;

/**
 * Whether the units exposed to each variant depart from the traffic split: the p-value of Pearson's chi-squared test of
 * the observed units against the expected weights, and the flag GrowthBook raises on it.
 */
public record SampleRatioMismatch(double pValue, boolean flagged) {

    /** Below this p-value, the split is flagged. */
    public static final double THRESHOLD = 0.001;

    /** Fewer units than this in some variant, and the test is not trusted enough to flag. */
    public static final long MINIMUM_UNITS = 8;
}
