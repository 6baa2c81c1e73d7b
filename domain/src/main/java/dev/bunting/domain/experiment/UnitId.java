package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;

/**
 * What an experiment randomises and counts: the value a flag buckets by (its {@code bucket_by} attribute, else the
 * targeting key), such as a user id. At most {@value #MAX_LENGTH} characters, the bound on context strings.
 */
public record UnitId(String value) {

    public static final int MAX_LENGTH = 2_000;

    public UnitId {
        Checks.requireText("unit", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
