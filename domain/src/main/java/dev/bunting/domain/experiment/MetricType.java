package dev.bunting.domain.experiment;

/** How a metric turns a unit's tracking events into one number per unit. */
public enum MetricType {
    /** 1 when the unit sent the event within the attribution window after its first exposure, else 0. */
    BINOMIAL,
    /** The sum of the event's values within the window (an event without a value counts 1, so counts are means of 1s). */
    MEAN
}
