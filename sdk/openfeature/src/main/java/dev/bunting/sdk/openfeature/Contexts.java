package dev.bunting.sdk.openfeature;

import dev.bunting.sdk.BuntingContext;
import dev.openfeature.sdk.EvaluationContext;
import java.util.HashMap;
import java.util.Map;

/** OpenFeature's evaluation context as Bunting's: the targeting key, and every attribute as a plain value. */
final class Contexts {

    private Contexts() {}

    static BuntingContext of(EvaluationContext context) {
        if (context == null) {
            return BuntingContext.empty();
        }
        Map<String, Object> attributes = new HashMap<>();
        for (String name : context.keySet()) {
            attributes.put(name, Values.toPlain(context.getValue(name)));
        }
        String targetingKey = context.getTargetingKey();
        if (targetingKey != null && !targetingKey.isEmpty()) {
            attributes.put(EvaluationContext.TARGETING_KEY, targetingKey);
        } else {
            attributes.remove(EvaluationContext.TARGETING_KEY);
        }
        return BuntingContext.of(attributes);
    }
}
