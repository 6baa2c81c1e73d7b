package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;

/** Names a metric within an experiment: lowercase letters, digits, '-', '_', '.'; 1–100 characters. */
public record MetricKey(String value) {

    public MetricKey {
        Checks.requireIdentifier("key", value, 100, false);
    }

    @Override
    public String toString() {
        return value;
    }
}
