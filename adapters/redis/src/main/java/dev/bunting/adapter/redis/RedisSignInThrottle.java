package dev.bunting.adapter.redis;

import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.ThrottleUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Failed sign-ins counted in Redis, so that every instance sees the same counts: after {@code maxFailures} within
 * {@code window}, a key waits until its oldest counted failure leaves the window, wherever the failures happened.
 *
 * <p>Each key's failures are a sorted set, {@code <namespace>signin:<key>}, whose scores are the failure times in epoch
 * milliseconds. The times come from the clock this throttle is given, not from Redis, like every other time Bunting
 * keeps. Recording a failure is one Lua script, so concurrent failures from any number of instances are each counted
 * once; it keeps only the newest {@code maxFailures} (older ones could not make the wait longer) and lets the key
 * expire a window after its latest failure, so Redis holds nothing for keys that stopped failing.
 *
 * <p><b>When Redis cannot be reached</b>, every method throws {@link ThrottleUnavailableException} and sign-in answers
 * 503: the throttle fails closed. Counting in each process instead would quietly multiply the allowance by the number
 * of instances (Lambda runs one per concurrent request), which is the guessing rate the throttle exists to bound, and an
 * attacker able to disturb Redis would gain from it. Only sign-in consults the throttle, so those already signed in
 * carry on meanwhile.
 */
public final class RedisSignInThrottle implements SignInThrottle {

    /** Between the namespace and the throttle's key. */
    static final String KEY_PREFIX = "signin:";

    /**
     * KEYS[1] the key's failures. ARGV: [1] now, [2] the cutoff (failures at or before it have left the window), [3] how
     * many to keep, [4] a member unique to this failure (scores tie on a coarse clock), [5] the window, in ms.
     */
    private static final String RECORD_FAILURE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[3]))
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 0
            """;

    private final RedisCalls redis;
    private final Clock clock;
    private final int maxFailures;
    private final long windowMillis;

    /** @param window whole milliseconds, as failures are timed to the millisecond */
    public RedisSignInThrottle(RedisCalls redis, Clock clock, int maxFailures, Duration window) {
        if (maxFailures < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "the throttle needs at least one failure and a window of at least a millisecond");
        }
        this.redis = redis;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
    }

    @Override
    public Duration waitBefore(String key) {
        long now = clock.millis();
        List<Double> counted;
        try {
            counted = redis.scoresAbove(redis.key(KEY_PREFIX + key), now - windowMillis);
        } catch (RedisUnavailableException e) {
            throw unavailable(e);
        }
        if (counted.size() < maxFailures) {
            return Duration.ZERO;
        }
        // the failure whose leaving brings the count below the limit; the oldest, unless the limit was lowered since
        long releasing = counted.get(counted.size() - maxFailures).longValue();
        return Duration.ofMillis(releasing + windowMillis - now);
    }

    @Override
    public void recordFailure(String key) {
        long now = clock.millis();
        String[] keys = {redis.key(KEY_PREFIX + key)};
        try {
            redis.evalInteger(
                    RECORD_FAILURE,
                    keys,
                    Long.toString(now),
                    Long.toString(now - windowMillis),
                    Integer.toString(maxFailures),
                    UUID.randomUUID().toString(),
                    Long.toString(windowMillis));
        } catch (RedisUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void recordSuccess(String key) {
        try {
            redis.delete(redis.key(KEY_PREFIX + key));
        } catch (RedisUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static ThrottleUnavailableException unavailable(RedisUnavailableException e) {
        return new ThrottleUnavailableException("cannot reach Redis, where sign-in failures are counted", e);
    }
}
