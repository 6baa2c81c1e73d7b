package dev.bunting.composition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.adapter.redis.RedisConfigCache;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.RedisSignInThrottle;
import dev.bunting.adapter.redis.jedis.JedisConnection;
import dev.bunting.adapter.redis.lettuce.LettuceConnection;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedStateTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    void without_a_redis_connection_configs_and_sign_in_failures_stay_in_this_process() {
        SharedState shared = SharedState.checkingEachGet(Optional.empty());

        assertThat(shared).isInstanceOf(SharedState.InProcess.class);
        assertThat(shared.configCache(Evaluators.standard(), clock, ConfigCacheSettings.STANDARD))
                .isInstanceOf(InProcessConfigCache.class);
        assertThat(shared.signInThrottle(clock, SignInLimits.STANDARD)).isInstanceOf(InProcessSignInThrottle.class);
    }

    @Test
    void a_process_that_cannot_subscribe_shares_both_through_redis_checking_versions_on_each_get() {
        // an address nothing listens on: building the cache and the throttle must not connect
        try (JedisConnection redis = new JedisConnection(RedisSettings.parse("redis://127.0.0.1:1"))) {
            SharedState shared = SharedState.checkingEachGet(Optional.of(redis));

            assertThat(shared).isEqualTo(new SharedState.CheckedInRedis(redis));
            assertThat(shared.configCache(Evaluators.standard(), clock, ConfigCacheSettings.STANDARD))
                    .isInstanceOf(RedisConfigCache.class);
            assertThat(shared.signInThrottle(clock, SignInLimits.STANDARD)).isInstanceOf(RedisSignInThrottle.class);
            assertThat(redis.isConnected()).isFalse();
        }
    }

    @Test
    void a_long_running_process_shares_both_through_redis_subscribed_to_invalidations() {
        try (LettuceConnection redis = new LettuceConnection(RedisSettings.parse("redis://127.0.0.1:1"))) {
            SharedState shared = SharedState.subscribed(Optional.of(redis));

            assertThat(shared).isEqualTo(new SharedState.SubscribedInRedis(redis, redis));
            assertThat(shared.configCache(Evaluators.standard(), clock, ConfigCacheSettings.STANDARD))
                    .isInstanceOf(RedisConfigCache.class);
            assertThat(shared.signInThrottle(clock, SignInLimits.STANDARD)).isInstanceOf(RedisSignInThrottle.class);
            assertThat(redis.isConnected()).isFalse();
        }
    }

    @Test
    void a_long_running_process_without_redis_keeps_both_to_itself() {
        assertThat(SharedState.subscribed(Optional.<LettuceConnection>empty()))
                .isInstanceOf(SharedState.InProcess.class);
    }
}
