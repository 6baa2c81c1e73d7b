package dev.bunting.domain.evaluation;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Who or what a flag is evaluated for: a targeting key plus attributes. Attribute values are strings, numbers,
 * booleans, lists of those, or nested maps (which no clause matches).
 */
public record EvaluationContext(String targetingKey, Map<String, Object> attributes) {

    public static final String TARGETING_KEY = "targetingKey";

    public EvaluationContext {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(attributes));
    }

    public static EvaluationContext of(String targetingKey) {
        return new EvaluationContext(targetingKey, Map.of());
    }

    public static EvaluationContext of(String targetingKey, Map<String, Object> attributes) {
        return new EvaluationContext(targetingKey, attributes);
    }

    /** The attribute's value, {@code targetingKey} naming the targeting key; null when absent. */
    public Object value(String attribute) {
        if (TARGETING_KEY.equals(attribute)) {
            return targetingKey;
        }
        return attributes.get(attribute);
    }
}
