package dev.bunting.domain.evaluation;

import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Who or what a flag is evaluated for: a targeting key plus attributes. Attribute values are strings, numbers,
 * booleans, lists of those, or nested maps (which no clause matches).
 *
 * <p>A context is bounded, since evaluating one costs time in proportion to its text: a clause that matches a regular
 * expression, or searches for its values, reads every character of the attribute it tests. A context of attributes
 * {@linkplain #attributesOnDemand read on demand} is bounded in what is read.
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
        } else if (!(attributes instanceof Adopted || attributes instanceof OnDemand)) {
            attributes = Collections.unmodifiableMap(new HashMap<>(attributes));
        }
        if (targetingKey != null) {
            length(TARGETING_KEY, targetingKey);
        }
        if (!(attributes instanceof OnDemand)) {
            long total = 0;
            for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
                total += attribute.getKey().length() + length(attribute.getKey(), attribute.getValue());
            }
            if (total > MAX_TOTAL_LENGTH) {
                throw tooLarge("this one holds " + total);
            }
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
     * more than the evaluation. The attributes are checked as in any other context, or as they are read when they are
     * {@linkplain #attributesOnDemand read on demand}.
     */
    public static EvaluationContext adopting(String targetingKey, Map<String, Object> attributes) {
        return new EvaluationContext(
                targetingKey, attributes instanceof OnDemand onDemand ? onDemand : new Adopted(attributes));
    }

    /**
     * Attributes looked up one at a time, when something reads them, for a context to {@linkplain #adopting adopt}: for
     * an SDK adapting a context that another library holds (OpenFeature's), where copying every attribute for a flag
     * whose clauses name a few would cost more than the evaluation. The limits apply to what is read: an attribute is
     * checked as it is first read (its strings at most {@link #MAX_TEXT_LENGTH} characters, and the names and values
     * read so far at most {@link #MAX_TOTAL_LENGTH}), and a read that breaks one throws {@link InvalidInputException},
     * which an evaluation reports as {@link ErrorCode#INVALID_CONTEXT}; an attribute never read is never checked. A
     * value read is kept, so it is looked up and counted once. The map is read-only, lists as its entries only the
     * attributes read so far, and is not safe to share between threads: build one per evaluation.
     *
     * @param lookup an attribute's value by name, as a context holds it (see {@link #value}), or null when absent
     */
    public static Map<String, Object> attributesOnDemand(Function<String, @Nullable Object> lookup) {
        return new OnDemand(lookup);
    }

    /** The attribute's value, {@code targetingKey} naming the targeting key; null when absent. */
    public @Nullable Object value(String attribute) {
        return value(attribute, TARGETING_KEY.equals(attribute));
    }

    /**
     * As {@link #value(String)}, for a reader that decided once whether the name is the targeting key's: compiled
     * clauses and splits read the same name from every context they evaluate.
     */
    @Nullable
    Object value(String attribute, boolean isTargetingKey) {
        return isTargetingKey ? targetingKey : attributes.get(attribute);
    }

    /** How many characters a value counts for; throws when one of its strings is longer than allowed. */
    private static long length(String attribute, Object value) {
        // the common cases, before the type switch's dispatch: a context read on demand checks every read
        if (value instanceof String text && text.length() <= MAX_TEXT_LENGTH) {
            return text.length();
        }
        if (value instanceof BigDecimal number) {
            return number.precision() + 1;
        }
        if (value instanceof Boolean flag) {
            return flag ? 4 : 5;
        }
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
            case null -> 0;
            default -> String.valueOf(value).length();
        };
    }

    private static InvalidInputException tooLarge(String holding) {
        return InvalidInputException.of(
                "context",
                "too_large",
                "a context may hold at most " + MAX_TOTAL_LENGTH + " characters of names and values; " + holding);
    }

    /**
     * Attributes read on demand, each checked once as it is first read; its type tells the constructor that they need
     * neither a copy nor a check up front. The names and values read are kept in one array of pairs, scanned in order:
     * a flag's clauses name a handful of attributes, and this costs one small array per evaluation where a map would
     * cost a table and an entry per attribute.
     */
    private static final class OnDemand extends AbstractMap<String, Object> {
        private final Function<String, @Nullable Object> lookup;
        // room for eight attributes: every evaluation reads at least the targeting key, and flags rarely read more
        private @Nullable Object[] read = new Object[16];
        private int count;
        private long total;

        OnDemand(Function<String, @Nullable Object> lookup) {
            this.lookup = lookup;
        }

        @Override
        public @Nullable Object get(@Nullable Object name) {
            if (!(name instanceof String attribute)) {
                return null;
            }
            for (int i = 0; i < count; i += 2) {
                if (attribute.equals(read[i])) {
                    return read[i + 1];
                }
            }
            Object value = lookup.apply(attribute);
            // an absent attribute counts for nothing, so reading one can never refuse a context
            long size = value == null ? total : total + attribute.length() + length(attribute, value);
            if (size > MAX_TOTAL_LENGTH) {
                throw tooLarge("the attributes read hold " + size);
            }
            total = size;
            if (count == read.length) {
                read = Arrays.copyOf(read, count * 2);
            }
            read[count++] = attribute;
            read[count++] = value;
            return value;
        }

        @Override
        public boolean containsKey(@Nullable Object name) {
            return get(name) != null;
        }

        /** The attributes read so far that are present. */
        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> present = new LinkedHashMap<>();
            for (int i = 0; i < count; i += 2) {
                if (read[i + 1] != null) {
                    present.put((String) read[i], read[i + 1]);
                }
            }
            return Collections.unmodifiableMap(present).entrySet();
        }
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
