package dev.bunting.adapter.http;

import java.util.Set;

/**
 * What the API needs to know of its runtime.
 *
 * @param maxBodyBytes larger bodies get 413, whatever the transport
 * @param eventStreams the transport holds responses open and serves {@code GET /sdk/stream} through
 *                     {@link HttpApi#openStream}, so OFREP bulk answers point providers at that stream
 * @param corsOrigins  the browser origins (such as {@code https://app.example.com}, or {@code *} for any) whose code
 *                     may call the API; empty where something in front answers CORS itself (API Gateway on AWS)
 */
public record ApiSettings(int maxBodyBytes, boolean eventStreams, Set<String> corsOrigins) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public ApiSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body limit must be positive");
        }
        corsOrigins = Set.copyOf(corsOrigins);
    }

    /** With no origin allowed to call from a browser. */
    public ApiSettings(int maxBodyBytes, boolean eventStreams) {
        this(maxBodyBytes, eventStreams, Set.of());
    }
}
