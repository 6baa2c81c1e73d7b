package dev.bunting.adapter.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Whether the config cache currently finds Redis unreachable, and the log lines about it: a warning when an outage
 * begins and at most one a minute while it lasts (every evaluation may meet it, and a log line each would bury
 * everything else), and one line when Redis answers again.
 *
 * <p>It also says when to try Redis again, for callers that try it on the request path: after a failure they leave it
 * alone for a second, so that an unreachable Redis, whose connect may take the whole timeout to fail, slows one
 * request a second rather than each.
 */
final class RedisOutage {

    static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    static final Duration REST = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(RedisConfigCache.class.getName());

    private final Clock clock;
    private volatile long restingUntil = Long.MIN_VALUE;
    private boolean down;
    private long lastWarning;
    private int failuresSinceWarning;

    RedisOutage(Clock clock) {
        this.clock = clock;
    }

    synchronized void failed(RedisUnavailableException e) {
        long now = clock.millis();
        restingUntil = now + REST.toMillis();
        failuresSinceWarning++;
        // the cause's message only: Lettuce's name the address and what failed, never the password
        if (!down) {
            LOG.warning("Redis cannot be reached (" + e.getMessage()
                    + "). Until it answers, evaluations load flag configs from the "
                    + "store, with the same answers; while it stays down, this is repeated once a minute.");
        } else if (now - lastWarning >= WARNING_INTERVAL.toMillis()) {
            LOG.warning("Redis still cannot be reached: " + failuresSinceWarning
                    + " failures in the last minute, the latest " + e.getMessage()
                    + ". Evaluations load flag configs from the store meanwhile.");
        } else {
            return;
        }
        down = true;
        lastWarning = now;
        failuresSinceWarning = 0;
    }

    synchronized void answered() {
        if (down) {
            LOG.info("Redis answers again: flag configs are cached again");
            down = false;
            failuresSinceWarning = 0;
        }
        restingUntil = Long.MIN_VALUE;
    }

    /** Whether a caller on the request path should leave Redis alone for now, as it failed less than {@link #REST} ago. */
    boolean resting() {
        return clock.millis() < restingUntil;
    }
}
