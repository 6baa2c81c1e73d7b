package dev.bunting.adapter.http;

/**
 * Every kind of problem the API answers with: the one place where a problem gets its status code and title. The
 * slug makes the stable {@code type} URI that clients branch on, documented in the OpenAPI document's Problem schema.
 */
enum ProblemType {
    VALIDATION(400, "validation", "Invalid request"),
    EVALUATION_FAILED(400, "evaluation-failed", "Evaluation failed"),
    MALFORMED_REQUEST(400, "malformed-request", "Bad request"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    INVALID_CREDENTIALS(401, "invalid-credentials", "Invalid credentials"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
    ALREADY_EXISTS(409, "already-exists", "Already exists"),
    VERSION_CONFLICT(409, "version-conflict", "Version conflict"),
    REFUSED(409, "refused", "Change refused"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    PRECONDITION_REQUIRED(428, "precondition-required", "Version required"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    TOO_MANY_ATTEMPTS(429, "too-many-attempts", "Too many attempts"),
    INTERNAL(500, "internal", "Internal error"),
    STREAMING_UNAVAILABLE(501, "streaming-unavailable", "Streaming unavailable"),
    UNAVAILABLE(503, "unavailable", "Service unavailable");

    static final String TYPE_BASE = "https://bunting.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    int status() {
        return status;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    String uri() {
        return TYPE_BASE + slug;
    }

    /** Whether the client must authenticate (again), so the response names the scheme in WWW-Authenticate. */
    boolean challenges() {
        return status == 401;
    }
}
