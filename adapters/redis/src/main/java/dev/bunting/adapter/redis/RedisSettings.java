package dev.bunting.adapter.redis;

import io.lettuce.core.RedisURI;

import java.time.Duration;

/**
 * Which Redis to share state through, and under which key prefix. An instance that exists has a URL Lettuce accepts.
 *
 * @param url       {@code redis://[:password@]host[:port][/database]}, {@code rediss://} for TLS; commands and connecting
 *                  time out after {@link #DEFAULT_TIMEOUT} unless the URL sets its own ({@code ?timeout=2s}). Never
 *                  shown whole by {@link #toString()}, as it may hold a password
 * @param namespace starts every key, so installations that share one server keep apart; {@value #NAMESPACE} unless built
 *                  otherwise (tests give each run its own)
 */
public record RedisSettings(String url, String namespace) {

    public static final String NAMESPACE = "bunting:";

    /** Lettuce waits a minute by default; a sign-in should rather fail fast than hang on an unreachable Redis. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public RedisSettings {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("the Redis key namespace is required");
        }
        uri(url);
    }

    /** The settings for a URL, in the standard namespace. */
    public static RedisSettings parse(String url) {
        return new RedisSettings(url, NAMESPACE);
    }

    /** A new, mutable Lettuce URI each time, with the timeout applied. */
    RedisURI uri() {
        return uri(url);
    }

    private static RedisURI uri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the Redis URL is empty");
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url.strip());
        } catch (IllegalArgumentException e) {
            // Lettuce's messages may quote the URL, which may hold a password
            throw new IllegalArgumentException("the Redis URL must look like redis://[:password@]host[:port][/database] or rediss://…");
        }
        if (uri.getTimeout().equals(RedisURI.DEFAULT_TIMEOUT_DURATION)) {
            uri.setTimeout(DEFAULT_TIMEOUT);
        }
        return uri;
    }

    /** Lettuce masks the password. */
    @Override
    public String toString() {
        return "RedisSettings[" + uri() + ", namespace=" + namespace + "]";
    }
}
