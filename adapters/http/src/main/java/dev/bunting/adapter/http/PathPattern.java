package dev.bunting.adapter.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A route path such as {@code /flags/{key}/environments/{env}}, matched segment by segment. */
record PathPattern(String template, String[] segments) {

    static PathPattern of(String template) {
        return new PathPattern(template, split(template));
    }

    /** Whether the path has this shape; cheap (no decoding, no allocation), so every route can be tried. */
    boolean matches(String[] pathSegments) {
        if (pathSegments.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].startsWith("{") && !segments[i].equals(pathSegments[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return the path variables, or null when {@code path} does not match; a variable holding a control character is a 400 */
    Map<String, String> match(String[] pathSegments) {
        if (pathSegments.length != segments.length) {
            return null;
        }
        Map<String, String> variables = null;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{")) {
                if (variables == null) {
                    variables = new HashMap<>(4);
                }
                String name = segment.substring(1, segment.length() - 1);
                String value = decode(pathSegments[i]);
                InputText.checkLine(name, value);
                variables.put(name, value);
            } else if (!segment.equals(pathSegments[i])) {
                return null;
            }
        }
        return variables == null ? Map.of() : variables;
    }

    /** Percent-decodes one segment; '+' is a literal plus in a path, not a space as in forms. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    Problem.badRequest("path", "invalid_encoding", "the path is not validly percent-encoded"));
        }
    }

    static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
