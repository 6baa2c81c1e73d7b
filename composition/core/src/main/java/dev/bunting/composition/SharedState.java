package dev.bunting.composition;

import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.RedisConfigCache;
import dev.bunting.adapter.redis.RedisSignInThrottle;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.SignInThrottle;
import java.time.Clock;
import java.util.Optional;

/**
 * Where the state every instance should share lives: the flag-config cache and the failed sign-in counts. In Redis when
 * the runtime has a connection (BUNTING_REDIS_URL), so that a write shows at once on every instance and every instance
 * sees the same counts; otherwise in this process, where another instance's write shows once the copy here has outlived
 * its time to live, and each instance counts its own failures. The runtime says which when it builds its graph.
 */
public sealed interface SharedState {

    /** In Redis if {@code redis} is present, kept fresh as {@code freshness} says; in this process otherwise. */
    static SharedState of(Optional<? extends RedisCalls> redis, RedisConfigCache.Freshness freshness) {
        return redis.<SharedState>map(connection -> new InRedis(connection, freshness))
                .orElseGet(InProcess::new);
    }

    ConfigCache configCache(Evaluator evaluator, Clock clock, ConfigCacheSettings settings);

    SignInThrottle signInThrottle(Clock clock, SignInLimits limits);

    /** Each instance on its own. */
    record InProcess() implements SharedState {

        @Override
        public ConfigCache configCache(Evaluator evaluator, Clock clock, ConfigCacheSettings settings) {
            return new InProcessConfigCache(clock, settings.timeToLive());
        }

        @Override
        public SignInThrottle signInThrottle(Clock clock, SignInLimits limits) {
            return new InProcessSignInThrottle(clock, limits.maxFailures(), limits.window());
        }
    }

    /** Shared through Redis; {@code freshness} is how this runtime can afford to hear of other instances' writes. */
    record InRedis(RedisCalls redis, RedisConfigCache.Freshness freshness) implements SharedState {

        @Override
        public ConfigCache configCache(Evaluator evaluator, Clock clock, ConfigCacheSettings settings) {
            return new RedisConfigCache(redis, freshness, evaluator, clock, settings.timeToLive());
        }

        @Override
        public SignInThrottle signInThrottle(Clock clock, SignInLimits limits) {
            return new RedisSignInThrottle(redis, clock, limits.maxFailures(), limits.window());
        }
    }
}
