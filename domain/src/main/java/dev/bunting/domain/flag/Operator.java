package dev.bunting.domain.flag;

import dev.bunting.domain.InvalidInputException;
import java.util.Locale;

/** How a clause compares a context attribute with its values. */
public enum Operator {
    IN,
    EQ,
    CONTAINS,
    STARTS_WITH,
    ENDS_WITH,
    MATCHES,
    GT,
    GTE,
    LT,
    LTE,
    SEMVER_EQ,
    SEMVER_GT,
    SEMVER_LT,
    BEFORE,
    AFTER,
    EXISTS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Operator fromWireName(String field, String name) {
        if (name != null) {
            for (Operator operator : values()) {
                if (operator.wireName().equals(name)) {
                    return operator;
                }
            }
        }
        throw InvalidInputException.of(field, "invalid_value", "unknown operator '" + name + "'");
    }
}
