package dev.bunting.adapter.http;

/** Limits the API enforces whatever the transport. @param maxBodyBytes larger bodies get 413 */
public record ApiSettings(int maxBodyBytes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public ApiSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body limit must be positive");
        }
    }
}
