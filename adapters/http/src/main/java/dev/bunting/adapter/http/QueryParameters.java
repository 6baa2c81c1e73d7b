package dev.bunting.adapter.http;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Typed reads of query parameters, each failure a 400 naming the parameter. */
final class QueryParameters {

    private QueryParameters() {}

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

    /** An ISO-8601 date-time with an offset, such as {@code 2026-01-15T10:00:00Z}; null when the parameter is absent. */
    static Instant instant(ApiRequest request, String name) {
        String text = request.queryParameter(name).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            // a '+' offset that was not percent-encoded arrives as a space, so say how to send one
            throw new ProblemException(
                    Problem.badRequest(
                            name,
                            "invalid_format",
                            name
                                    + " must be an ISO-8601 date-time with an offset, such as 2026-01-15T10:00:00Z; send a '+' offset as %2B"));
        }
    }

    static String required(ApiRequest request, String name) {
        return request.queryParameter(name)
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ProblemException(Problem.badRequest(name, "required", name + " is required")));
    }
}
