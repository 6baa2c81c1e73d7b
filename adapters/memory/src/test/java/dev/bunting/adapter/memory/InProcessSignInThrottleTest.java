package dev.bunting.adapter.memory;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessSignInThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InProcessSignInThrottle throttle = new InProcessSignInThrottle(clock, 3, Duration.ofMinutes(15));

    @Test
    void the_throttle_engages_after_too_many_failures_and_releases_when_the_window_has_passed() {
        throttle.recordFailure("account:alice");
        clock.advance(Duration.ofMinutes(1));
        throttle.recordFailure("account:alice");
        assertThat(throttle.waitBefore("account:alice")).isZero();

        throttle.recordFailure("account:alice");
        assertThat(throttle.waitBefore("account:alice")).isEqualTo(Duration.ofMinutes(14));
        assertThat(throttle.waitBefore("account:bob")).isZero();

        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.waitBefore("account:alice")).isZero();
    }

    @Test
    void a_success_forgets_earlier_failures() {
        throttle.recordFailure("address:10.0.0.1");
        throttle.recordFailure("address:10.0.0.1");
        throttle.recordSuccess("address:10.0.0.1");
        throttle.recordFailure("address:10.0.0.1");

        assertThat(throttle.waitBefore("address:10.0.0.1")).isZero();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
