package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;

import java.util.function.Function;

/** Holds prepared flag configs per environment, never per-context results. Writers invalidate what they change. */
public interface ConfigCache {

    /** The cached environment, or what {@code loader} returns, which is then cached. */
    PreparedEnvironment get(EnvironmentKey environment, Function<EnvironmentKey, PreparedEnvironment> loader);

    void invalidate(EnvironmentKey environment);

    void invalidateAll();
}
