package dev.bunting.sdk;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.flag.FlagDocuments;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who or what flags are evaluated for: a targeting key and attributes, built as the server builds a context from a
 * request body, so that the SDK and {@code POST /evaluate} see the same context. The targeting key is
 * {@code targetingKey}, else {@code targeting_key}, {@code user_id} or {@code userId}; numbers are compared by value,
 * whatever their Java type. Build one per unit and reuse it: evaluating with a built context allocates nothing.
 */
public final class BuntingContext {

    private static final List<String> TARGETING_KEY_NAMES =
            List.of("targetingKey", "targeting_key", "user_id", "userId");

    private final EvaluationContext context;
    private final String invalid;

    private BuntingContext(EvaluationContext context, String invalid) {
        this.context = context;
        this.invalid = invalid;
    }

    /** A context with a targeting key only. */
    public static BuntingContext of(String targetingKey) {
        return builder(targetingKey).build();
    }

    /** A context of these attributes, the targeting key among them (see the class's description). */
    public static BuntingContext of(Map<String, ?> attributes) {
        // one copy, which the evaluation context then adopts rather than copying again
        Map<String, Object> normalised = HashMap.newHashMap(attributes.size());
        attributes.forEach((name, value) -> normalised.put(name, FlagDocuments.normalise(value)));
        return adopting(normalised);
    }

    /**
     * A context whose attributes are looked up by name when a flag reads them, for an adapter over a context that
     * another library holds, such as OpenFeature's: a flag's clauses name a few attributes, and copying them all would
     * cost more than the evaluation. It reads as {@link #of(Map)} would read a map of the same attributes, except that
     * the limits on a context's size apply to the attributes read: an attribute no flag reads is never checked. It
     * keeps what it has read, so it belongs to one evaluation on one thread: build one per call.
     *
     * @param targetingKey the targeting key when the other library holds one apart from the attributes (OpenFeature
     *     does), else null to look it up among the attributes under the same names as {@link #of(Map)}
     * @param attributes an attribute's value by name (strings, numbers, booleans, lists, maps), or null when absent
     */
    public static BuntingContext readingOnDemand(String targetingKey, Function<String, ?> attributes) {
        Map<String, Object> onDemand =
                EvaluationContext.attributesOnDemand(name -> FlagDocuments.normalise(attributes.apply(name)));
        if (targetingKey == null) {
            return adopting(onDemand);
        }
        try {
            // given, so not looked up: one read fewer on every evaluation
            return new BuntingContext(EvaluationContext.adopting(targetingKey, onDemand), null);
        } catch (InvalidInputException e) {
            return invalid(e.getMessage());
        }
    }

    /** A context of attributes already normalised, which no one else holds, its targeting key looked up among them. */
    private static BuntingContext adopting(Map<String, Object> normalised) {
        try {
            Object key = null;
            String keyName = null;
            for (String name : TARGETING_KEY_NAMES) {
                key = normalised.get(name);
                if (key != null) {
                    keyName = name;
                    break;
                }
            }
            String targetingKey;
            switch (key) {
                case null -> targetingKey = null;
                case String s -> targetingKey = s;
                case BigDecimal n -> targetingKey = n.stripTrailingZeros().toPlainString();
                default -> {
                    return invalid(keyName + " must be a string");
                }
            }
            return new BuntingContext(EvaluationContext.adopting(targetingKey, normalised), null);
        } catch (InvalidInputException e) {
            return invalid(e.getMessage());
        }
    }

    /** A context with no targeting key and no attributes: flags without splits still evaluate. */
    public static BuntingContext empty() {
        return of(Map.of());
    }

    public static Builder builder(String targetingKey) {
        return new Builder(targetingKey);
    }

    private static BuntingContext invalid(String reason) {
        return new BuntingContext(EvaluationContext.of(null), reason);
    }

    /** The domain's context, which the evaluator reads. */
    EvaluationContext evaluationContext() {
        return context;
    }

    /** Why this context cannot be evaluated, if it cannot (evaluations then give INVALID_CONTEXT). */
    Optional<String> invalidReason() {
        return Optional.ofNullable(invalid);
    }

    boolean isInvalid() {
        return invalid != null;
    }

    /** Collects attributes; {@code build()} reads them as {@link #of(Map)} does. */
    public static final class Builder {
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String targetingKey) {
            if (targetingKey != null) {
                attributes.put("targetingKey", targetingKey);
            }
        }

        /** A string, number, boolean, list of those, or map: what a JSON body could carry. */
        public Builder set(String name, Object value) {
            attributes.put(name, value);
            return this;
        }

        public BuntingContext build() {
            return of(attributes);
        }
    }
}
