package dev.bunting.composition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.adapter.redis.JedisConnection;
import dev.bunting.adapter.redis.RedisConfigCache;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.RedisSignInThrottle;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedStateTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    void without_a_redis_connection_configs_and_sign_in_failures_stay_in_this_process() {
        SharedState shared = SharedState.of(Optional.empty(), RedisConfigCache.Freshness.CHECK_EACH_GET);

        assertThat(shared).isInstanceOf(SharedState.InProcess.class);
        assertThat(shared.configCache(Evaluators.standard(), clock, ConfigCacheSettings.STANDARD))
                .isInstanceOf(InProcessConfigCache.class);
        assertThat(shared.signInThrottle(clock, SignInLimits.STANDARD)).isInstanceOf(InProcessSignInThrottle.class);
    }

    @Test
    void with_a_redis_connection_both_are_shared_through_it_kept_fresh_as_the_runtime_says() {
        // an address nothing listens on: building the cache and the throttle must not connect
        try (JedisConnection redis = new JedisConnection(RedisSettings.parse("redis://127.0.0.1:1"))) {
            SharedState shared = SharedState.of(Optional.of(redis), RedisConfigCache.Freshness.CHECK_EACH_GET);

            assertThat(shared).isEqualTo(new SharedState.InRedis(redis, RedisConfigCache.Freshness.CHECK_EACH_GET));
            assertThat(shared.configCache(Evaluators.standard(), clock, ConfigCacheSettings.STANDARD))
                    .isInstanceOf(RedisConfigCache.class);
            assertThat(shared.signInThrottle(clock, SignInLimits.STANDARD)).isInstanceOf(RedisSignInThrottle.class);
            assertThat(redis.isConnected()).isFalse();
        }
    }
}
