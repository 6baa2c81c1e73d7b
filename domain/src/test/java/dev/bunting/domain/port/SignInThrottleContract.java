package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The definition of {@link SignInThrottle}. Every throttle adapter extends this suite.
 * <p>
 * Time comes only from the clock the throttle is built with, which the suite moves by hand; the limit is small and the
 * window 15 minutes, as in production.
 */
public abstract class SignInThrottleContract {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00.250Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String ALICE = "account:alice@example.com";
    private static final String BOB = "account:bob@example.com";
    private static final String ADDRESS = "address:203.0.113.7";

    private final MutableClock clock = new MutableClock(START);

    /** @return a throttle with no failures recorded, reading the time from {@code clock} */
    protected abstract SignInThrottle newThrottle(Clock clock, int maxFailures, Duration window);

    @Test
    void a_key_may_try_until_it_has_failed_as_often_as_the_limit_allows() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);
        assertThat(throttle.waitBefore(ALICE)).isZero();

        throttle.recordFailure(ALICE);
        throttle.recordFailure(ALICE);
        assertThat(throttle.waitBefore(ALICE)).isZero();

        throttle.recordFailure(ALICE);
        assertThat(throttle.waitBefore(ALICE)).isEqualTo(WINDOW);
    }

    @Test
    void the_wait_ends_when_the_oldest_failure_leaves_the_window() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);
        throttle.recordFailure(ALICE);
        clock.advance(Duration.ofMinutes(1));
        throttle.recordFailure(ALICE);
        clock.advance(Duration.ofMinutes(1));
        throttle.recordFailure(ALICE);

        assertThat(throttle.waitBefore(ALICE)).isEqualTo(Duration.ofMinutes(13));

        clock.advance(Duration.ofMinutes(13).minusMillis(1));
        assertThat(throttle.waitBefore(ALICE)).isEqualTo(Duration.ofMillis(1));

        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.waitBefore(ALICE)).isZero();
    }

    @Test
    void failures_leave_the_window_one_by_one_so_the_next_failure_engages_the_throttle_again() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);
        throttle.recordFailure(ALICE);
        clock.advance(Duration.ofMinutes(5));
        throttle.recordFailure(ALICE);
        throttle.recordFailure(ALICE);
        clock.advance(WINDOW.minusMinutes(5));
        assertThat(throttle.waitBefore(ALICE))
                .as("the first failure has left the window")
                .isZero();

        throttle.recordFailure(ALICE);

        assertThat(throttle.waitBefore(ALICE))
                .as("until the second and third leave")
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_key_released_once_the_whole_window_has_passed_has_its_full_allowance_again() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure(ALICE);
        }
        clock.advance(WINDOW);
        assertThat(throttle.waitBefore(ALICE)).isZero();

        throttle.recordFailure(ALICE);
        throttle.recordFailure(ALICE);

        assertThat(throttle.waitBefore(ALICE)).isZero();
    }

    @Test
    void failures_beyond_the_limit_keep_the_key_waiting_until_fewer_than_the_limit_remain() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);
        for (int minute = 0; minute < 4; minute++) {
            throttle.recordFailure(ALICE);
            clock.advance(Duration.ofMinutes(1));
        }

        // failures at minutes 0 to 3, now minute 4: minute 0's leaving still leaves three, minute 1's leaves two
        assertThat(throttle.waitBefore(ALICE)).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void a_success_forgets_earlier_failures() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);
        throttle.recordFailure(ALICE);
        throttle.recordFailure(ALICE);

        throttle.recordSuccess(ALICE);
        throttle.recordFailure(ALICE);
        throttle.recordFailure(ALICE);

        assertThat(throttle.waitBefore(ALICE)).isZero();
    }

    @Test
    void a_success_for_a_key_with_no_failures_is_harmless() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);

        throttle.recordSuccess(ALICE);

        assertThat(throttle.waitBefore(ALICE)).isZero();
    }

    @Test
    void each_key_is_counted_on_its_own() {
        SignInThrottle throttle = newThrottle(clock, 3, WINDOW);
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure(ALICE);
        }
        throttle.recordFailure(BOB);
        throttle.recordFailure(BOB);
        throttle.recordFailure(ADDRESS);

        throttle.recordSuccess(BOB);

        assertThat(throttle.waitBefore(ALICE)).isEqualTo(WINDOW);
        assertThat(throttle.waitBefore(BOB)).isZero();
        assertThat(throttle.waitBefore(ADDRESS)).isZero();
        assertThat(throttle.waitBefore("account:carol@example.com")).isZero();
    }

    /**
     * All at the same instant too, as on a coarse clock. One short of the limit must leave the key free and one more
     * must engage it: a lost or a doubled failure would show.
     */
    @Test
    void concurrent_failures_are_all_counted() throws InterruptedException, ExecutionException {
        int limit = 64;
        SignInThrottle throttle = newThrottle(clock, limit, WINDOW);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> failures = new ArrayList<>();
            for (int i = 0; i < limit - 1; i++) {
                failures.add(threads.submit(() -> {
                    start.await();
                    throttle.recordFailure(ALICE);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> failure : failures) {
                failure.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(throttle.waitBefore(ALICE)).isZero();

        throttle.recordFailure(ALICE);

        assertThat(throttle.waitBefore(ALICE)).isEqualTo(WINDOW);
    }
}
