package dev.bunting.adapter.memory;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.port.ConfigCache;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Prepared configs held in this process. Correct for a single instance, because every write here invalidates; several
 * instances need a shared cache that broadcasts invalidations.
 */
public final class InProcessConfigCache implements ConfigCache {

    private final ConcurrentMap<EnvironmentKey, PreparedEnvironment> environments = new ConcurrentHashMap<>();
    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public PreparedEnvironment get(EnvironmentKey environment, Function<EnvironmentKey, PreparedEnvironment> loader) {
        PreparedEnvironment cached = environments.get(environment);
        if (cached != null) {
            return cached;
        }
        return environments.computeIfAbsent(environment, loader);
    }

    @Override
    public void invalidate(EnvironmentKey environment) {
        environments.remove(environment);
        listeners.forEach(listener -> listener.invalidated(Optional.of(environment)));
    }

    @Override
    public void invalidateAll() {
        environments.clear();
        listeners.forEach(listener -> listener.invalidated(Optional.empty()));
    }

    @Override
    public void subscribe(InvalidationListener listener) {
        listeners.add(listener);
    }
}
