package dev.bunting.domain;

import dev.bunting.domain.evaluation.EvaluationContext;
import java.util.HashMap;
import java.util.Map;

/** Test fixture: {@code Contexts.user("alice").with("country", "de").build()}. */
public final class Contexts {

    private Contexts() {}

    public static Builder user(String targetingKey) {
        return new Builder(targetingKey);
    }

    /** A context without a targeting key. */
    public static Builder anonymous() {
        return new Builder(null);
    }

    public static final class Builder {
        private final String targetingKey;
        private final Map<String, Object> attributes = new HashMap<>();

        private Builder(String targetingKey) {
            this.targetingKey = targetingKey;
        }

        public Builder with(String attribute, Object value) {
            attributes.put(attribute, value);
            return this;
        }

        public EvaluationContext build() {
            return EvaluationContext.of(targetingKey, attributes);
        }
    }
}
