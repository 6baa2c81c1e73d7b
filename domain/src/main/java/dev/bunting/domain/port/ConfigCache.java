package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;

import java.util.Optional;
import java.util.function.Function;

/** Holds prepared flag configs per environment, never per-context results. Writers invalidate what they change. */
public interface ConfigCache {

    /**
     * The cached environment, or what {@code loader} returns, which is then cached. Whatever the loader throws reaches
     * the caller unchanged, and nothing is cached: the next call loads again.
     */
    PreparedEnvironment get(EnvironmentKey environment, Function<EnvironmentKey, PreparedEnvironment> loader);

    void invalidate(EnvironmentKey environment);

    void invalidateAll();

    /**
     * Calls {@code listener} after every invalidation this cache carries out: its own instance's, and, for a cache
     * shared between instances, those it learns of from the others. Streams to SDKs hang on this.
     */
    void subscribe(InvalidationListener listener);

    @FunctionalInterface
    interface InvalidationListener {
        /** @param environment the environment whose configs changed; empty when every environment's may have */
        void invalidated(Optional<EnvironmentKey> environment);
    }
}
