package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;

/** Identifies a targeting rule within a config; stable across reordering so evaluations can name the rule that matched. */
public record RuleId(String value) {
    public RuleId {
        Checks.requireIdentifier("id", value, 64, true);
    }

    @Override
    public String toString() {
        return value;
    }
}
