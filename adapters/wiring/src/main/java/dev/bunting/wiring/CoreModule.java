package dev.bunting.wiring;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.jwt.JwtTokenVerifier;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.RedisConfigCache;
import dev.bunting.application.StoreBreaker;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.KeyCache;
import dev.bunting.domain.port.SecretGenerator;
import dev.bunting.domain.port.TokenVerifier;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The bindings every runtime shares. Each runtime's own module adds its store, settings, request log, signing secret
 * and how its config cache keeps fresh, and its factory binds an {@code Optional<RedisCalls>}: empty when no Redis
 * is configured. Signing in takes more ({@link SignInModule}), which a runtime that only evaluates goes without.
 */
@Module
public interface CoreModule {

    /** PostgreSQL keeps microseconds: a finer clock would answer a write with a timestamp that later reads can't match. */
    @Provides
    @Singleton
    static Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }

    @Provides
    @Singleton
    static Evaluator evaluator() {
        return Evaluators.standard();
    }

    /**
     * In Redis when the runtime binds a connection (BUNTING_REDIS_URL), so that a write shows at once on every instance,
     * kept fresh the way the runtime can afford ({@link RedisConfigCache.Freshness}); otherwise in this process, where
     * another instance's write shows once the copy here has outlived the time to live.
     */
    @Provides
    @Singleton
    static ConfigCache configCache(
            Optional<RedisCalls> redis,
            RedisConfigCache.Freshness freshness,
            Evaluator evaluator,
            Clock clock,
            ConfigCacheSettings settings) {
        return redis.<ConfigCache>map(connection ->
                        new RedisConfigCache(connection, freshness, evaluator, clock, settings.timeToLive()))
                .orElseGet(() -> new InProcessConfigCache(clock, settings.timeToLive()));
    }

    /**
     * Where work runs that threads which must not wait hand off: reading an environment's new version for its event
     * streams, when a writer's thread or a shared cache's connection reports a change. Virtual threads, so a read
     * waiting on the store holds no platform thread.
     */
    @Provides
    @Singleton
    static Executor handedOffWork() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    /** Checks tokens against the secret as it is now; issuer and audience name this service. */
    @Provides
    @Singleton
    static TokenVerifier tokenVerifier(SigningSecret secret, Clock clock) {
        SecretBound<JwtTokenVerifier> verifiers =
                new SecretBound<>(secret, bytes -> new JwtTokenVerifier(TokenSettings.of(bytes), clock));
        return token -> verifiers.get().verify(token);
    }

    /** Draws from the JDK's SecureRandom on each call, which SnapStart reseeds after a restore. */
    @Provides
    @Singleton
    static IdGenerator ids() {
        return new RandomIdGenerator();
    }

    @Provides
    @Singleton
    static SecretGenerator secrets() {
        return new SecureRandomSecretGenerator();
    }

    /** A virtual thread per read: one waiting on a pool that does not answer costs no platform thread. */
    @Provides
    @Singleton
    @Named(StoreBreaker.READS)
    static Executor storeReads() {
        return read -> Thread.ofVirtual().name("store-read").start(read);
    }

    /**
     * Keys checked in the last 10 seconds (by default): an SDK key evaluating at full speed costs one store lookup per
     * 10 s, and a key revoked on another instance stops working here within 10 s.
     */
    @Provides
    @Singleton
    static KeyCache keyCache(ConfigCacheSettings settings) {
        return new CaffeineKeyCache(settings.keyTimeToLive(), 10_000);
    }
}
