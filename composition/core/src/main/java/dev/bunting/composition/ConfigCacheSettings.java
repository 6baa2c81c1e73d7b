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
 * @param environments  how many environments a process keeps in memory at most (BUNTING_CACHED_ENVIRONMENTS): their
 *                      prepared configs, the last config seen of each (for an outage), and what the API built from
 *                      them ({@code GET /sdk/flags}'s bodies, bulk evaluations' parts). Past it, the least used are
 *                      dropped and loaded again when next asked for
 */
public record ConfigCacheSettings(Duration timeToLive, Duration keyTimeToLive, int environments) {

    static final String TIME_TO_LIVE_SECONDS = "BUNTING_CACHE_TTL_SECONDS";
    static final String KEY_TIME_TO_LIVE_SECONDS = "BUNTING_KEY_CACHE_TTL_SECONDS";
    static final String ENVIRONMENTS = "BUNTING_CACHED_ENVIRONMENTS";

    /**
     * A minute for configs, ten seconds for keys, 32 environments: with 2,000 flags each, an environment held costs
     * about 2 MB prepared and, once SDKs fetch its flag set, 1.2 MB more for the bodies (docs/performance.md), so 32
     * take about 100 MB of the runner's documented 256 MB heap.
     */
    public static final ConfigCacheSettings STANDARD =
            new ConfigCacheSettings(Duration.ofSeconds(60), Duration.ofSeconds(10), 32);

    public ConfigCacheSettings {
        requireWholeSeconds(TIME_TO_LIVE_SECONDS, timeToLive);
        requireWholeSeconds(KEY_TIME_TO_LIVE_SECONDS, keyTimeToLive);
        if (environments < 1) {
            throw new IllegalArgumentException(ENVIRONMENTS + " must be at least 1, not " + environments);
        }
    }

    /** The settings the environment sets, {@link #STANDARD} for what it leaves unset. */
    public static ConfigCacheSettings fromEnvironment(EnvironmentVariables environment) {
        return new ConfigCacheSettings(
                Duration.ofSeconds(environment.integer(
                        TIME_TO_LIVE_SECONDS, (int) STANDARD.timeToLive().toSeconds())),
                Duration.ofSeconds(environment.integer(
                        KEY_TIME_TO_LIVE_SECONDS, (int) STANDARD.keyTimeToLive().toSeconds())),
                environment.integer(ENVIRONMENTS, STANDARD.environments()));
    }

    private static void requireWholeSeconds(String variable, Duration value) {
        if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0 || value.getNano() != 0) {
            throw new IllegalArgumentException(
                    variable + " must be a whole number of seconds, at least 1, not " + value);
        }
    }
}
