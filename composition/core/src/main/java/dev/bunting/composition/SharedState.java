package dev.bunting.composition;

import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.RedisConfigCache;
import dev.bunting.adapter.redis.RedisSignInThrottle;
import dev.bunting.adapter.redis.RedisSubscriber;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.SignInThrottle;
import java.time.Clock;
import java.util.Optional;

/**
 * Where the state every instance should share lives: the flag-config cache and the failed sign-in counts. In Redis when
 * the runtime has a connection (BUNTING_REDIS_URL), so that a write shows at once on every instance and every instance
 * sees the same counts; otherwise in this process, where another instance's write shows once the copy here has outlived
 * its time to live, and each instance counts its own failures. The runtime says which when it builds its graph, as
 * only it knows which Redis client it has and whether it lives long enough to subscribe.
 */
public sealed interface SharedState {

    /**
     * In Redis if {@code redis} is present, every get comparing versions with it: for a process frozen between requests,
     * which can hold no subscription. In this process otherwise.
     */
    static SharedState checkingEachGet(Optional<? extends RedisCalls> redis) {
        return redis.<SharedState>map(CheckedInRedis::new).orElseGet(InProcess::new);
    }

    /**
     * In Redis if {@code redis} is present, subscribed to invalidations and trusting copies meanwhile: for a process that
     * lives long enough to hold a subscription. In this process otherwise.
     */
    static <C extends RedisCalls & RedisSubscriber> SharedState subscribed(Optional<C> redis) {
        return redis.<SharedState>map(connection -> new SubscribedInRedis(connection, connection))
                .orElseGet(InProcess::new);
    }

    ConfigCache configCache(Evaluator evaluator, Clock clock, ConfigCacheSettings settings);

    SignInThrottle signInThrottle(Clock clock, SignInLimits limits);

    /** Each instance on its own. */
    record InProcess() implements SharedState {

        @Override
        public ConfigCache configCache(Evaluator evaluator, Clock clock, ConfigCacheSettings settings) {
            return new InProcessConfigCache(clock, settings.timeToLive(), settings.environments());
        }

        @Override
        public SignInThrottle signInThrottle(Clock clock, SignInLimits limits) {
            return new InProcessSignInThrottle(clock, limits.maxFailures(), limits.window());
        }
    }

    /** Shared through Redis, each get comparing versions with it. */
    record CheckedInRedis(RedisCalls redis) implements SharedState {

        @Override
        public ConfigCache configCache(Evaluator evaluator, Clock clock, ConfigCacheSettings settings) {
            return RedisConfigCache.checkingEachGet(
                    redis, evaluator, clock, settings.timeToLive(), settings.environments());
        }

        @Override
        public SignInThrottle signInThrottle(Clock clock, SignInLimits limits) {
            return new RedisSignInThrottle(redis, clock, limits.maxFailures(), limits.window());
        }
    }

    /** Shared through Redis, hearing other instances' writes through a subscription. */
    record SubscribedInRedis(RedisCalls redis, RedisSubscriber subscriber) implements SharedState {

        @Override
        public ConfigCache configCache(Evaluator evaluator, Clock clock, ConfigCacheSettings settings) {
            return RedisConfigCache.subscribed(
                    redis, subscriber, evaluator, clock, settings.timeToLive(), settings.environments());
        }

        @Override
        public SignInThrottle signInThrottle(Clock clock, SignInLimits limits) {
            return new RedisSignInThrottle(redis, clock, limits.maxFailures(), limits.window());
        }
    }
}
