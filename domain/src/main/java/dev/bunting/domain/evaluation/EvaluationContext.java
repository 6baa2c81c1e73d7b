package dev.bunting.domain.evaluation;

import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who or what a flag is evaluated for: a targeting key plus attributes. Attribute values are strings, numbers,
 * booleans, lists of those, or nested maps (which no clause matches).
 *
 * <p>A context is bounded, since evaluating one costs time in proportion to its text: a clause that matches a regular
 * expression, or searches for its values, reads every character of the attribute it tests.
 */
public record EvaluationContext(String targetingKey, Map<String, Object> attributes) {

    public static final String TARGETING_KEY = "targetingKey";
    /** Characters in one string of a context: the targeting key, an attribute's value or an element of its list. */
    public static final int MAX_TEXT_LENGTH = 2_000;
    /** Characters in a whole context's attributes: every name and value, numbers and booleans as written. */
    public static final int MAX_TOTAL_LENGTH = 32 * 1024;

    public EvaluationContext {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(attributes));
        if (targetingKey != null) {
            length(TARGETING_KEY, targetingKey);
        }
        long total = 0;
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            total += attribute.getKey().length() + length(attribute.getKey(), attribute.getValue());
        }
        if (total > MAX_TOTAL_LENGTH) {
            throw InvalidInputException.of(
                    "context",
                    "too_large",
                    "a context may hold at most " + MAX_TOTAL_LENGTH
                            + " characters of names and values; this one holds " + total);
        }
    }

    public static EvaluationContext of(String targetingKey) {
        return new EvaluationContext(targetingKey, Map.of());
    }

    public static EvaluationContext of(String targetingKey, Map<String, Object> attributes) {
        return new EvaluationContext(targetingKey, attributes);
    }

    /** The attribute's value, {@code targetingKey} naming the targeting key; null when absent. */
    public @Nullable Object value(String attribute) {
        if (TARGETING_KEY.equals(attribute)) {
            return targetingKey;
        }
        return attributes.get(attribute);
    }

    /** How many characters a value counts for; throws when one of its strings is longer than allowed. */
    private static long length(String attribute, Object value) {
        return switch (value) {
            case String text -> {
                if (text.length() > MAX_TEXT_LENGTH) {
                    throw InvalidInputException.of(
                            "context." + attribute,
                            "too_long",
                            attribute + " may be at most " + MAX_TEXT_LENGTH
                                    + " characters long, or hold strings of at most that");
                }
                yield text.length();
            }
            case List<?> list -> {
                long length = 0;
                for (Object element : list) {
                    length += 1 + length(attribute, element);
                }
                yield length;
            }
            case Map<?, ?> map -> {
                long length = 0;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    length += String.valueOf(entry.getKey()).length() + length(attribute, entry.getValue());
                }
                yield length;
            }
            case BigDecimal number -> number.precision() + 1;
            case null -> 0;
            default -> String.valueOf(value).length();
        };
    }
}
