package dev.bunting.adapter.http;

import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.flag.FlagDocuments;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds evaluation contexts from requests. The targeting key is {@code targetingKey} (OpenFeature), or {@code user_id}
 * / {@code userId} as earlier clients send it; every field, those included, is also an attribute.
 */
final class Contexts {

    private static final List<String> TARGETING_KEY_NAMES =
            List.of("targetingKey", "targeting_key", "user_id", "userId");
    /** What {@code GET /evaluate/{key}} reads from its query besides the context. */
    static final String[] RESERVED_QUERY_PARAMETERS = {"environment_key", "environment", "type"};

    private static final Set<String> RESERVED = Set.of(RESERVED_QUERY_PARAMETERS);
    static final int MAX_ATTRIBUTES = 200;

    private Contexts() {}

    static EvaluationContext fromBody(Map<String, Object> context) {
        if (context == null) {
            return EvaluationContext.of(null);
        }
        if (context.size() > MAX_ATTRIBUTES) {
            throw new ProblemException(Problem.badRequest(
                    "context", "too_many", "a context holds at most " + MAX_ATTRIBUTES + " attributes"));
        }
        Map<String, Object> attributes = new HashMap<>(context.size() * 2);
        context.forEach((name, value) -> attributes.put(name, FlagDocuments.normalise(value)));
        return new EvaluationContext(targetingKey(attributes), attributes);
    }

    static EvaluationContext fromQuery(ApiRequest request) {
        Map<String, Object> attributes = new HashMap<>();
        request.query().forEach((name, values) -> {
            if (!RESERVED.contains(name) && !values.isEmpty()) {
                attributes.put(name, values.size() == 1 ? values.getFirst() : List.copyOf(values));
            }
        });
        return new EvaluationContext(targetingKey(attributes), attributes);
    }

    private static String targetingKey(Map<String, Object> attributes) {
        for (String name : TARGETING_KEY_NAMES) {
            Object value = attributes.get(name);
            if (value == null) {
                continue;
            }
            return switch (value) {
                case String s -> s;
                case BigDecimal n -> n.stripTrailingZeros().toPlainString();
                default ->
                    throw new ProblemException(
                            Problem.badRequest("context." + name, "invalid_context", name + " must be a string")
                                    .with("error_code", "INVALID_CONTEXT"));
            };
        }
        return null;
    }
}
