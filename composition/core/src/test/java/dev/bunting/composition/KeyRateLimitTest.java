package dev.bunting.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.port.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRateLimitTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void an_environment_that_sets_no_limit_leaves_every_key_unlimited() {
        KeyRateLimit limit = KeyRateLimit.fromEnvironment(new EnvironmentVariables(Map.of()));

        assertThat(limit).isEqualTo(KeyRateLimit.OFF);
        assertThat(limit.limiter(clock)).isSameAs(RateLimiter.UNLIMITED);
    }

    @Test
    void a_limit_admits_its_burst_at_once_then_makes_the_key_wait() {
        KeyRateLimit limit = KeyRateLimit.fromEnvironment(
                new EnvironmentVariables(Map.of("BUNTING_KEY_RATE_LIMIT", "1", "BUNTING_KEY_RATE_BURST", "2")));
        RateLimiter limiter = limit.limiter(clock);

        assertThat(limiter.acquire("key")).isZero();
        assertThat(limiter.acquire("key")).isZero();
        assertThat(limiter.acquire("key")).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.acquire("another key")).isZero();
    }

    @Test
    void the_burst_is_twice_the_rate_unless_set() {
        assertThat(KeyRateLimit.fromEnvironment(new EnvironmentVariables(Map.of("BUNTING_KEY_RATE_LIMIT", "5"))))
                .isEqualTo(new KeyRateLimit(5, 10));
    }

    @Test
    void a_negative_rate_or_an_empty_burst_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> new KeyRateLimit(-1, 0)).hasMessageStartingWith("BUNTING_KEY_RATE_LIMIT must be 0");
        assertThatThrownBy(() -> new KeyRateLimit(1, 0))
                .hasMessageStartingWith("BUNTING_KEY_RATE_BURST must be at least 1");
    }
}
