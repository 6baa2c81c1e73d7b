package dev.bunting.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.ConfigCacheContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InProcessConfigCacheTest extends ConfigCacheContract {

    @Override
    protected ConfigCache newCache(Clock clock, Duration timeToLive, int capacity) {
        return new InProcessConfigCache(clock, timeToLive, capacity);
    }

    @Test
    void it_shares_nothing_so_it_is_never_degraded() {
        assertThat(new InProcessConfigCache(Clock.systemUTC(), Duration.ofSeconds(60), 64).sharing())
                .isEqualTo(ConfigCache.Sharing.LOCAL);
    }

    @Test
    void a_capacity_under_one_environment_is_refused() {
        assertThatThrownBy(() -> new InProcessConfigCache(Clock.systemUTC(), Duration.ofSeconds(60), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_time_to_live_under_a_millisecond_is_refused() {
        assertThatThrownBy(() -> new InProcessConfigCache(Clock.systemUTC(), Duration.ofNanos(999_999), 64))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
