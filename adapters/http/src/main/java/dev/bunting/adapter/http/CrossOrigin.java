package dev.bunting.adapter.http;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may call the API (CORS), and the headers that tell browsers so. Nothing is allowed unless
 * configured. Credentials travel in headers (bearer tokens, API and SDK keys), never in cookies, so no origin is ever
 * told it may send cookies.
 */
record CrossOrigin(Set<String> allowedOrigins) {

    /** What browser code may send: the credentials' headers, JSON bodies, conditional requests, a stream's resumption point. */
    static final String ALLOWED_HEADERS = String.join(
            ", ",
            "Authorization",
            "Content-Type",
            Authenticator.API_KEY_HEADER,
            "X-SDK-Key",
            OfrepRoutes.ENVIRONMENT_HEADER,
            "If-Match",
            "If-None-Match",
            "Last-Event-ID",
            "X-Request-Id");
    /** What browser code may read besides the always-visible headers. */
    static final String EXPOSED_HEADERS =
            String.join(", ", "ETag", "Location", "Retry-After", "Allow", "WWW-Authenticate", Responses.CONFIG_STALE);

    private static final String ANY = "*";
    private static final String PREFLIGHT_CACHE_SECONDS = "600";

    CrossOrigin {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** The headers for an actual request: readable by the calling origin when it is allowed. */
    void decorate(ApiRequest request, Map<String, String> headers) {
        if (allowedOrigins.isEmpty()) {
            return;
        }
        // the answer depends on Origin, so a shared cache must not give one origin's answer to another
        Compression.vary(headers, "Origin");
        allowed(request).ifPresent(origin -> {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        });
    }

    /**
     * The headers that answer a preflight for a path served with {@code methods}: the origin may go on only when it
     * is allowed and asks for one of those methods; otherwise there is nothing to say and the browser stops there.
     */
    void preflight(ApiRequest request, String methods, Map<String, String> headers) {
        decorate(request, headers);
        Optional<String> asked = request.header("Access-Control-Request-Method");
        if (allowed(request).isEmpty()
                || asked.isEmpty()
                || !Set.of(methods.split(", ")).contains(asked.get())) {
            headers.remove("Access-Control-Allow-Origin");
            headers.remove("Access-Control-Expose-Headers");
            return;
        }
        headers.put("Access-Control-Allow-Methods", methods);
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Max-Age", PREFLIGHT_CACHE_SECONDS);
    }

    private Optional<String> allowed(ApiRequest request) {
        return request.header("Origin")
                .filter(origin -> allowedOrigins.contains(origin) || allowedOrigins.contains(ANY));
    }
}
