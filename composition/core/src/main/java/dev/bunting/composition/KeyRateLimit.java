package dev.bunting.composition;

import dev.bunting.adapter.memory.Bucket4jRateLimiter;
import dev.bunting.domain.port.RateLimiter;
import java.time.Clock;

/**
 * How many evaluation requests one key may make: a sustained rate and a burst. Off unless configured, since most
 * installations have no one to protect themselves from but their own SDKs.
 *
 * @param perSecond sustained requests a second per key (BUNTING_KEY_RATE_LIMIT); 0 turns the limit off
 * @param burst     requests a key may make at once (BUNTING_KEY_RATE_BURST), twice the rate unless set
 */
public record KeyRateLimit(int perSecond, int burst) {

    static final String PER_SECOND = "BUNTING_KEY_RATE_LIMIT";
    static final String BURST = "BUNTING_KEY_RATE_BURST";

    public static final KeyRateLimit OFF = new KeyRateLimit(0, 0);

    public KeyRateLimit {
        if (perSecond < 0) {
            throw new IllegalArgumentException(
                    PER_SECOND + " must be 0 (off) or a positive number of requests a second, not " + perSecond);
        }
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException(BURST + " must be at least 1, not " + burst);
        }
    }

    public boolean isOn() {
        return perSecond > 0;
    }

    /** Per key, in this process (each instance admits the rate on its own); unlimited when off. */
    public RateLimiter limiter(Clock clock) {
        return isOn() ? new Bucket4jRateLimiter(clock, perSecond, burst) : RateLimiter.UNLIMITED;
    }

    /** The limit the environment sets; off when it sets none. */
    public static KeyRateLimit fromEnvironment(EnvironmentVariables environment) {
        int perSecond = environment.integer(PER_SECOND, 0);
        return perSecond == 0 ? OFF : new KeyRateLimit(perSecond, environment.integer(BURST, 2 * perSecond));
    }
}
