package dev.bunting.sdk.openfeature;

import dev.bunting.sdk.BuntingContext;
import dev.openfeature.sdk.EvaluationContext;

/**
 * OpenFeature's evaluation context as Bunting's: the targeting key, and each attribute a flag reads, looked up when it
 * reads it and converted to a plain value. Nothing else is read: the OpenFeature client hands a provider a layered
 * context (API, transaction, client, invocation and hook contexts) whose merged map it builds, cloning every value,
 * only when asked for it, and building it cost more than Bunting's whole evaluation.
 */
final class Contexts {

    private Contexts() {}

    static BuntingContext of(EvaluationContext context) {
        if (context == null) {
            return BuntingContext.empty();
        }
        String key = context.getTargetingKey();
        return BuntingContext.readingOnDemand(key == null || key.isEmpty() ? null : key, name -> {
            if (EvaluationContext.TARGETING_KEY.equals(name)) {
                // the targeting key counts only when it is a non-empty string; the attribute itself is never read
                return null;
            }
            // a layered context looks the name up in its layers, the last set winning, as its merged map would
            return Values.toPlain(context.getValue(name));
        });
    }
}
