package dev.bunting.adapter.http;

import dev.bunting.domain.InvalidInputException.FieldViolation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem. {@code type} is stable and documented; {@code detail} is written for the caller and never
 * carries exception messages or class names.
 */
record Problem(int status, String type, String title, String detail, List<FieldViolation> errors, Map<String, Object> extensions) {

    static final String TYPE_BASE = "https://bunting.dev/problems/";
    /** The extension that says, in seconds, when to retry; it goes out as the Retry-After header too. */
    static final String RETRY_AFTER = "retry_after";

    Problem {
        errors = List.copyOf(errors);
        extensions = Map.copyOf(extensions);
    }

    static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, TYPE_BASE + type, title, detail, List.of(), Map.of());
    }

    static Problem validation(List<FieldViolation> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().message() : errors.size() + " fields are invalid";
        return new Problem(400, TYPE_BASE + "validation", "Invalid request", detail, errors, Map.of());
    }

    static Problem badRequest(String field, String code, String message) {
        return validation(List.of(new FieldViolation(field, code, message)));
    }

    static Problem notFound(String resource) {
        return of(404, "not-found", "Not found", resource + " does not exist");
    }

    Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, type, title, detail, errors, more);
    }

    Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message())).toList());
        }
        body.putAll(extensions);
        return body;
    }
}
