package dev.bunting.adapter.http;

/**
 * What the API needs to know of its runtime.
 *
 * @param maxBodyBytes larger bodies get 413, whatever the transport
 * @param eventStreams the transport holds responses open and serves {@code GET /sdk/stream} through
 *                     {@link HttpApi#openStream}, so OFREP bulk answers point providers at that stream
 */
public record ApiSettings(int maxBodyBytes, boolean eventStreams) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public ApiSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body limit must be positive");
        }
    }
}
