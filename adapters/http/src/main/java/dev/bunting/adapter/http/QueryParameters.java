package dev.bunting.adapter.http;

/** Typed reads of query parameters, each failure a 400 naming the parameter. */
final class QueryParameters {

    private QueryParameters() {
    }

    static int integer(ApiRequest request, String name, int fallback) {
        String text = request.queryParameter(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.badRequest(name, "invalid_type", name + " must be a whole number"));
        }
    }

    static String required(ApiRequest request, String name) {
        return request.queryParameter(name).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ProblemException(Problem.badRequest(name, "required", name + " is required")));
    }
}
