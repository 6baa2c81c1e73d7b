package dev.bunting.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a query string as sent ({@code rawQueryString}). API Gateway's own {@code queryStringParameters} joins
 * repeated names with commas, which cannot be told apart from a comma inside a value, so the raw form is the one to read.
 */
final class RawQueryString {

    private RawQueryString() {}

    /** @return every parameter by name, each value decoded, repeated names keeping every value in order */
    static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /**
     * Form decoding, as browsers encode queries ('+' is a space). A malformed escape is passed on as written: the
     * handler only translates, and the API decides whether such a value is acceptable.
     */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
