package dev.bunting.domain.experiment;

/** What a metric is for in the decision. */
public enum MetricRole {
    /** The metric the experiment is meant to move; the decision rests on it. */
    PRIMARY,
    /** Context for the primary metric. */
    SECONDARY,
    /** A metric that must not get worse, whatever the primary metric does. */
    GUARDRAIL
}
