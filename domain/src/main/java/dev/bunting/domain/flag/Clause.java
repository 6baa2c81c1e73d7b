package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;

/**
 * One condition of a rule: {@code attribute operator values}, optionally negated. A clause holds when the attribute
 * matches any of the values. A missing attribute never matches, negated or not, except under {@link Operator#EXISTS}.
 *
 * @param ignoreCase compares text case-insensitively (in, eq, contains, starts_with, ends_with)
 */
public record Clause(String attribute, Operator operator, List<Object> values, boolean negate, boolean ignoreCase) {

    /** Values per clause: a list of ids to match with {@code in} fits; evaluation indexes those, and scans the rest. */
    public static final int MAX_VALUES = 10_000;
    /** Characters in one text value, whatever the operator; a regular expression's included. */
    public static final int MAX_VALUE_LENGTH = 1_000;

    public Clause {
        Checks.requireText("attribute", attribute, 200);
        Checks.requirePresent("operator", operator);
        values = List.copyOf(Checks.requireMaxSize("values", Checks.requireEntries("values", values), MAX_VALUES));
        checkValues(operator, values);
    }

    public static Clause of(String attribute, Operator operator, Object... values) {
        return new Clause(attribute, operator, List.of(values), false, false);
    }

    public Clause negated() {
        return new Clause(attribute, operator, values, !negate, ignoreCase);
    }

    public Clause ignoringCase() {
        return new Clause(attribute, operator, values, negate, true);
    }

    private static void checkValues(Operator operator, List<Object> values) {
        if (operator == Operator.EXISTS) {
            if (!values.isEmpty()) {
                throw InvalidInputException.of("values", "not_allowed", "exists takes no values");
            }
            return;
        }
        if (values.isEmpty()) {
            throw InvalidInputException.of("values", "required", operator.wireName() + " needs at least one value");
        }
        if (operator == Operator.EQ && values.size() != 1) {
            throw InvalidInputException.of("values", "invalid_value", "eq takes exactly one value");
        }
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            String field = "values[" + i + "]";
            if (value instanceof String text) {
                Checks.requireMaxLength(field, text, MAX_VALUE_LENGTH);
            }
            boolean ok =
                    switch (operator) {
                        case IN, EQ ->
                            value instanceof String || value instanceof BigDecimal || value instanceof Boolean;
                        case CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES -> value instanceof String;
                        case GT, GTE, LT, LTE -> value instanceof BigDecimal;
                        case SEMVER_EQ, SEMVER_GT, SEMVER_LT ->
                            value instanceof String s
                                    && SemanticVersion.parse(s).isPresent();
                        case BEFORE, AFTER -> Timestamps.parse(value).isPresent();
                        case EXISTS -> false;
                    };
            if (!ok) {
                throw InvalidInputException.of(field, "invalid_value", expectation(operator));
            }
        }
    }

    private static String expectation(Operator operator) {
        return switch (operator) {
            case IN, EQ -> operator.wireName() + " compares with strings, numbers or booleans";
            case CONTAINS, STARTS_WITH, ENDS_WITH -> operator.wireName() + " compares with strings";
            case MATCHES -> "matches takes regular expressions, as strings";
            case GT, GTE, LT, LTE -> operator.wireName() + " compares with numbers";
            case SEMVER_EQ, SEMVER_GT, SEMVER_LT ->
                operator.wireName() + " compares with semantic versions such as 1.4.2";
            case BEFORE, AFTER ->
                operator.wireName()
                        + " compares with ISO-8601 instants such as 2026-01-31T00:00:00Z, or epoch milliseconds";
            case EXISTS -> "exists takes no values";
        };
    }
}
