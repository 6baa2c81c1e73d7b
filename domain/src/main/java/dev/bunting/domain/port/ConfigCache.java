package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Holds prepared flag configs per environment, never per-context results. Writers invalidate what they change. A cached
 * environment is also forgotten once its time to live has passed, which bounds how long an invalidation that never
 * arrived (another instance's, lost while the shared cache could not be reached) can leave it stale. A process holds at
 * most {@link #capacity()} environments: past that, the least used are forgotten and loaded again when next asked for,
 * so memory follows the environments in use rather than every environment ever evaluated.
 */
public interface ConfigCache {

    /**
     * The cached environment, or what {@code loader} returns, which is then cached; null, and nothing cached, when the
     * loader finds no such environment. Whatever the loader throws reaches the caller unchanged, and nothing is cached:
     * the next call loads again.
     */
    @Nullable
    PreparedEnvironment get(EnvironmentKey environment, Function<EnvironmentKey, PreparedEnvironment> loader);

    void invalidate(EnvironmentKey environment);

    /** How many environments this process holds at most; at least one. */
    int capacity();

    void invalidateAll();

    /**
     * Calls {@code listener} after every invalidation this cache carries out: its own instance's, and, for a cache
     * shared between instances, those it learns of from the others. Streams to SDKs hang on this.
     */
    void subscribe(InvalidationListener listener);

    /** For reporting health; never fails. */
    Sharing sharing();

    /** Whether a cache is shared between instances, and whether it can reach what it shares them through. */
    enum Sharing {
        /** Each instance holds its own copies; nothing to reach. */
        LOCAL,
        /** Shared, and reachable. */
        SHARED,
        /**
         * Shared, but unreachable: the cache trusts nothing it holds, as it cannot hear of other instances' writes, so
         * every get loads, until it can reach the shared part again.
         */
        DEGRADED
    }

    @FunctionalInterface
    interface InvalidationListener {
        /** @param environment the environment whose configs changed; empty when every environment's may have */
        void invalidated(Optional<EnvironmentKey> environment);
    }
}
