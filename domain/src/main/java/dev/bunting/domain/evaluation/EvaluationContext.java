package dev.bunting.domain.evaluation;

import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        if (attributes == null) {
            attributes = Map.of();
        } else if (!(attributes instanceof Adopted)) {
            attributes = Collections.unmodifiableMap(new HashMap<>(attributes));
        }
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

    /**
     * A context that reads its attributes in place instead of copying them: for a caller that built this map for this
     * context alone and never changes it afterwards, as an SDK does on every evaluation, where the copy would cost
     * more than the evaluation. The attributes are checked as in any other context.
     */
    public static EvaluationContext adopting(String targetingKey, Map<String, Object> attributes) {
        return new EvaluationContext(targetingKey, new Adopted(attributes));
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

    /** An adopted map, read-only; its type tells the constructor that it needs no copy. */
    private static final class Adopted extends AbstractMap<String, Object> {
        private final Map<String, Object> attributes;

        Adopted(Map<String, Object> attributes) {
            this.attributes = Collections.unmodifiableMap(attributes);
        }

        @Override
        public @Nullable Object get(@Nullable Object name) {
            return attributes.get(name);
        }

        @Override
        public boolean containsKey(@Nullable Object name) {
            return attributes.containsKey(name);
        }

        @Override
        public int size() {
            return attributes.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return attributes.entrySet();
        }
    }
}
