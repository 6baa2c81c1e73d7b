package dev.bunting.adapter.memory;

import dev.bunting.domain.port.SignInThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Failed sign-ins counted in this process over a sliding window: after {@code maxFailures} within {@code window}, a key
 * waits until its oldest counted failure leaves the window. Only the newest {@code maxFailures} failures are kept: older
 * ones could not make the wait longer, and so a key costs bounded memory however often it fails. Enough for one
 * instance; several need a shared store.
 */
public final class InProcessSignInThrottle implements SignInThrottle {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final ConcurrentMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public InProcessSignInThrottle(Clock clock, int maxFailures, Duration window) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the throttle needs at least one failure and a positive window");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    @Override
    public Duration waitBefore(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            Instant now = clock.instant();
            forgetExpired(times, now);
            if (times.size() < maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(now, times.peekFirst().plus(window));
        }
    }

    @Override
    public void recordFailure(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = clock.instant();
            forgetExpired(times, now);
            times.addLast(now);
            if (times.size() > maxFailures) {
                times.pollFirst();
            }
        }
    }

    @Override
    public void recordSuccess(String key) {
        failures.remove(key);
    }

    private void forgetExpired(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.pollFirst();
        }
    }
}
