package dev.bunting.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Bucket4jRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(clock, 10, 20);

    @Test
    void a_burst_is_admitted_then_the_next_request_waits_for_one_token() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire("key-a")).as("request %d", i).isZero();
        }

        assertThat(limiter.acquire("key-a")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void tokens_come_back_at_the_sustained_rate() {
        for (int i = 0; i < 20; i++) {
            limiter.acquire("key-a");
        }

        clock.advance(Duration.ofMillis(500));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("key-a"))
                    .as("request %d after half a second", i)
                    .isZero();
        }
        assertThat(limiter.acquire("key-a")).isPositive();
    }

    @Test
    void each_key_has_its_own_bucket() {
        for (int i = 0; i < 20; i++) {
            limiter.acquire("key-a");
        }

        assertThat(limiter.acquire("key-a")).isPositive();
        assertThat(limiter.acquire("key-b")).isZero();
    }

    @Test
    void a_limit_needs_a_positive_rate_and_burst() {
        assertThatThrownBy(() -> new Bucket4jRateLimiter(clock, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bucket4jRateLimiter(clock, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
