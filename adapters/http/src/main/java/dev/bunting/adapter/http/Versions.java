package dev.bunting.adapter.http;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Versions on the wire: ETags carry them; updates name theirs in If-Match or a body's "version" (optimistic
 * concurrency), and reads name what they hold in If-None-Match.
 */
final class Versions {

    private Versions() {}

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether the request's If-None-Match names {@code etag} (weakly, as RFC 9110 compares for it) or is {@code *}: the
     * client holds this representation already, so a GET answers 304.
     */
    static boolean heldAlready(ApiRequest request, String etag) {
        return request.header("If-None-Match")
                .filter(header -> {
                    for (String candidate : header.split(",")) {
                        String tag = candidate.strip();
                        if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                            return true;
                        }
                    }
                    return false;
                })
                .isPresent();
    }

    /** The version an update names: If-Match, else the body's version field; a disagreement between the two is a 400. */
    static OptionalLong named(ApiRequest request, Object bodyVersion) {
        OptionalLong fromHeader =
                request.header("If-Match").map(Versions::parseIfMatch).orElse(OptionalLong.empty());
        OptionalLong fromBody = fromBody(bodyVersion);
        if (fromHeader.isPresent() && fromBody.isPresent() && fromHeader.getAsLong() != fromBody.getAsLong()) {
            throw new ProblemException(
                    Problem.badRequest("version", "conflicting_versions", "If-Match and the body's version disagree"));
        }
        return fromHeader.isPresent() ? fromHeader : fromBody;
    }

    static OptionalLong named(ApiRequest request, Map<String, Object> body) {
        return named(request, body.get("version"));
    }

    /** Like {@link #named} but a full replacement must say which version it replaces: 428 otherwise. */
    static long required(ApiRequest request, Object bodyVersion) {
        OptionalLong version = named(request, bodyVersion);
        if (version.isEmpty()) {
            throw new ProblemException(
                    Problem.of(
                            ProblemType.PRECONDITION_REQUIRED,
                            "a full replacement must name the version it read, in If-Match (the ETag) or in the body's \"version\""));
        }
        return version.getAsLong();
    }

    private static OptionalLong parseIfMatch(String header) {
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version >= 0) {
                return OptionalLong.of(version);
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw new ProblemException(Problem.badRequest(
                "If-Match", "invalid_value", "If-Match must be an ETag this API issued, such as \"3\""));
    }

    private static OptionalLong fromBody(Object version) {
        if (version == null) {
            return OptionalLong.empty();
        }
        if (version instanceof Number number) {
            try {
                long whole = new BigDecimal(number.toString()).longValueExact();
                if (whole >= 0) {
                    return OptionalLong.of(whole);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // not a whole number a long can hold: falls through to the problem below
            }
        }
        throw new ProblemException(Problem.badRequest("version", "invalid_type", "version must be a whole number"));
    }
}
