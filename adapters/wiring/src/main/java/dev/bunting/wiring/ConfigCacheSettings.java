package dev.bunting.wiring;

import java.time.Duration;

/**
 * How the flag-config cache is run.
 *
 * @param timeToLive how long an environment's configs are kept at most (BUNTING_CACHE_TTL_SECONDS), in whole seconds.
 *                   Writes invalidate at once wherever they can be heard; this bounds what cannot be: another
 *                   instance's write without Redis, or one made while Redis was unreachable
 */
public record ConfigCacheSettings(Duration timeToLive) {

    static final String TIME_TO_LIVE_SECONDS = "BUNTING_CACHE_TTL_SECONDS";

    /** A minute. */
    public static final ConfigCacheSettings STANDARD = new ConfigCacheSettings(Duration.ofSeconds(60));

    public ConfigCacheSettings {
        if (timeToLive == null || timeToLive.compareTo(Duration.ofSeconds(1)) < 0 || timeToLive.getNano() != 0) {
            throw new IllegalArgumentException(TIME_TO_LIVE_SECONDS + " must be a whole number of seconds, at least 1, not " + timeToLive);
        }
    }

    /** The settings the environment sets, {@link #STANDARD} for what it leaves unset. */
    public static ConfigCacheSettings fromEnvironment(EnvironmentVariables environment) {
        return new ConfigCacheSettings(Duration.ofSeconds(environment.integer(TIME_TO_LIVE_SECONDS, (int) STANDARD.timeToLive().toSeconds())));
    }
}
