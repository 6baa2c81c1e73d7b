package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;

/** An experiment's identifier: lowercase letters, digits, '-', '_', '.'; 1–100 characters. */
public record ExperimentKey(String value) {

    public static final int MAX_LENGTH = 100;

    public ExperimentKey {
        Checks.requireIdentifier("key", value, MAX_LENGTH, false);
    }

    @Override
    public String toString() {
        return value;
    }
}
