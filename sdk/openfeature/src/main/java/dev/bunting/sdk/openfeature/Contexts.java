package dev.bunting.sdk.openfeature;

import dev.bunting.sdk.BuntingContext;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.Value;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** OpenFeature's evaluation context as Bunting's: the targeting key, and every attribute as a plain value. */
final class Contexts {

    private Contexts() {}

    static BuntingContext of(EvaluationContext context) {
        if (context == null) {
            return BuntingContext.empty();
        }
        return BuntingContext.of(new PlainAttributes(context.asUnmodifiableMap(), context.getTargetingKey()));
    }

    /**
     * OpenFeature's attributes as plain values, converted as Bunting's context copies them in: its one copy is the only
     * one. Read through OpenFeature's read-only view, since {@code keySet()} copies the names and {@code getValue}
     * clones each value. The targeting key counts only when it is a non-empty string.
     */
    private static final class PlainAttributes extends AbstractMap<String, Object> {
        private final Map<String, Value> values;
        private final String targetingKey;

        PlainAttributes(Map<String, Value> values, String targetingKey) {
            this.values = values;
            this.targetingKey = targetingKey == null || targetingKey.isEmpty() ? null : targetingKey;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            values.forEach((name, value) -> {
                if (!EvaluationContext.TARGETING_KEY.equals(name)) {
                    action.accept(name, Values.toPlain(value));
                }
            });
            if (targetingKey != null) {
                action.accept(EvaluationContext.TARGETING_KEY, targetingKey);
            }
        }

        @Override
        public int size() {
            int others = values.size() - (values.containsKey(EvaluationContext.TARGETING_KEY) ? 1 : 0);
            return targetingKey == null ? others : others + 1;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> plain = new HashMap<>();
            forEach(plain::put);
            return plain.entrySet();
        }
    }
}
