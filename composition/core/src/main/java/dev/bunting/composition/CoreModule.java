package dev.bunting.composition;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.jwt.JwtTokenVerifier;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.application.StoreBreaker;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.KeyCache;
import dev.bunting.domain.port.SecretGenerator;
import dev.bunting.domain.port.TokenVerifier;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The bindings every runtime shares. Each runtime's own module adds its store, its {@link RuntimeSettings}, request
 * log and signing secret, and its factory binds the {@link SharedState} it can afford. Signing in takes more
 * ({@code SignInModule}, in bunting-composition-sign-in), which a runtime that only evaluates goes without.
 */
@Module(includes = {TimeAndIdsModule.class, SettingsModule.class, MeasurementModule.class})
public interface CoreModule {

    @Provides
    @Singleton
    static Evaluator evaluator() {
        return Evaluators.standard();
    }

    /** Where {@link SharedState} says: in Redis, or in this process. */
    @Provides
    @Singleton
    static ConfigCache configCache(SharedState shared, Evaluator evaluator, Clock clock, ConfigCacheSettings settings) {
        return shared.configCache(evaluator, clock, settings);
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
