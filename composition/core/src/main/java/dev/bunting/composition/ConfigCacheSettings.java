package dev.bunting.composition;

import java.time.Duration;

/**
 * How the flag-config cache is run, and the cache of checked keys beside it.
 *
 * @param timeToLive    how long an environment's configs are kept at most (BUNTING_CACHE_TTL_SECONDS), in whole seconds.
 *                      Writes invalidate at once wherever they can be heard; this bounds what cannot be: another
 *                      instance's write without Redis, or one made while Redis was unreachable
 * @param keyTimeToLive how long a checked key is kept (BUNTING_KEY_CACHE_TTL_SECONDS), in whole seconds: how long a key
 *                      revoked on another instance goes on working here, and how often an open event stream checks
 *                      again that its key or token still works
 */
public record ConfigCacheSettings(Duration timeToLive, Duration keyTimeToLive) {

    static final String TIME_TO_LIVE_SECONDS = "BUNTING_CACHE_TTL_SECONDS";
    static final String KEY_TIME_TO_LIVE_SECONDS = "BUNTING_KEY_CACHE_TTL_SECONDS";

    /** A minute for configs, ten seconds for keys. */
    public static final ConfigCacheSettings STANDARD =
            new ConfigCacheSettings(Duration.ofSeconds(60), Duration.ofSeconds(10));

    public ConfigCacheSettings {
        requireWholeSeconds(TIME_TO_LIVE_SECONDS, timeToLive);
        requireWholeSeconds(KEY_TIME_TO_LIVE_SECONDS, keyTimeToLive);
    }

    /** The settings the environment sets, {@link #STANDARD} for what it leaves unset. */
    public static ConfigCacheSettings fromEnvironment(EnvironmentVariables environment) {
        return new ConfigCacheSettings(
                Duration.ofSeconds(environment.integer(
                        TIME_TO_LIVE_SECONDS, (int) STANDARD.timeToLive().toSeconds())),
                Duration.ofSeconds(environment.integer(
                        KEY_TIME_TO_LIVE_SECONDS, (int) STANDARD.keyTimeToLive().toSeconds())));
    }

    private static void requireWholeSeconds(String variable, Duration value) {
        if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0 || value.getNano() != 0) {
            throw new IllegalArgumentException(
                    variable + " must be a whole number of seconds, at least 1, not " + value);
        }
    }
}
