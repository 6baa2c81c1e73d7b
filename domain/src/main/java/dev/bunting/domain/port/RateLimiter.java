package dev.bunting.domain.port;

import java.time.Duration;

/** Admits requests per key (an SDK or API key) at a sustained rate with a burst, and says how long a refused key waits. */
@FunctionalInterface
public interface RateLimiter {

    /** Admits everything: the limit is off unless configured. */
    RateLimiter UNLIMITED = key -> Duration.ZERO;

    /** @return zero when the request is admitted (and counted); otherwise how long until {@code key} is admitted again */
    Duration acquire(String key);
}
