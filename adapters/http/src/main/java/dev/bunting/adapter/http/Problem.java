package dev.bunting.adapter.http;

import dev.bunting.domain.InvalidInputException.FieldViolation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem of one of the {@link ProblemType}s, which decide its status and title; {@code detail} is written
 * for the caller and never carries exception messages or class names.
 */
record Problem(ProblemType type, String detail, List<FieldViolation> errors, Map<String, Object> extensions) {

    /** The extension that says, in seconds, when to retry; it goes out as the Retry-After header too. */
    static final String RETRY_AFTER = "retry_after";
    /** How much of a request's path a problem repeats: enough to recognise it, not enough to reflect a payload. */
    static final int ECHO_LIMIT = 100;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    Problem {
        errors = List.copyOf(errors);
        extensions = Map.copyOf(extensions);
    }

    static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), Map.of());
    }

    int status() {
        return type.status();
    }

    static Problem validation(List<FieldViolation> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().message() : errors.size() + " fields are invalid";
        return new Problem(ProblemType.VALIDATION, detail, errors, Map.of());
    }

    static Problem badRequest(String field, String code, String message) {
        return validation(List.of(new FieldViolation(field, code, message)));
    }

    static Problem notFound(String resource) {
        return of(ProblemType.NOT_FOUND, resource + " does not exist");
    }

    Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, detail, errors, more);
    }

    /**
     * What a problem may repeat of something the client sent (its path): at most {@link #ECHO_LIMIT} characters, with
     * every character that is not printable ASCII percent-encoded, so it reads the same in a log, a terminal or HTML.
     */
    static String echo(String sent) {
        StringBuilder echoed = new StringBuilder(Math.min(sent.length(), ECHO_LIMIT) + 3);
        int end = sent.offsetByCodePoints(0, Math.min(sent.codePointCount(0, sent.length()), ECHO_LIMIT));
        sent.substring(0, end).codePoints().forEach(c -> {
            if (c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"' && c != '\\') {
                echoed.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    echoed.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
        });
        return end < sent.length() ? echoed.append("...").toString() : echoed.toString();
    }

    /** The body, about {@code instance} (the request's path, echoed), or about nothing known when it is null. */
    Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", echo(instance));
        }
        if (!errors.isEmpty()) {
            body.put(
                    "errors",
                    errors.stream()
                            .map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message()))
                            .toList());
        }
        body.putAll(extensions);
        return body;
    }
}
