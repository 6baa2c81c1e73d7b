package dev.bunting.adapter.memory;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.port.ConfigCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Prepared configs held in this process. Correct for a single instance, because every write here invalidates; several
 * instances need a shared cache that broadcasts invalidations, or each sees the others' writes only once its copy has
 * outlived the time to live.
 *
 * <p>An entry is loaded inside the map's compute, which holds that key's bin while the loader runs, so an invalidation
 * arriving during a load waits for it and then removes what it loaded. The map is Caffeine's, bounded to the capacity:
 * its eviction keeps the environments asked for most often and most recently, and runs on the calling thread, so
 * nothing works in the background (a Lambda function is frozen between requests).
 */
public final class InProcessConfigCache implements ConfigCache {

    private final Clock clock;
    private final long timeToLiveMillis;
    private final int capacity;
    private final ConcurrentMap<EnvironmentKey, Entry> environments;
    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();

    private record Entry(PreparedEnvironment prepared, long expiresAtMillis) {}

    /**
     * @param timeToLive how long a loaded environment is kept at most; at least a millisecond
     * @param capacity   how many environments are held at most; at least one
     */
    public InProcessConfigCache(Clock clock, Duration timeToLive, int capacity) {
        if (timeToLive.toMillis() < 1) {
            throw new IllegalArgumentException("the time to live must be at least a millisecond, not " + timeToLive);
        }
        this.clock = clock;
        this.timeToLiveMillis = timeToLive.toMillis();
        if (capacity < 1) {
            throw new IllegalArgumentException("the cache must hold at least one environment, not " + capacity);
        }
        this.capacity = capacity;
        this.environments = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .<EnvironmentKey, Entry>build()
                .asMap();
    }

    @Override
    public PreparedEnvironment get(EnvironmentKey environment, Function<EnvironmentKey, PreparedEnvironment> loader) {
        long now = clock.millis();
        Entry cached = environments.get(environment);
        if (cached != null && now < cached.expiresAtMillis()) {
            return cached.prepared();
        }
        Entry entry = environments.compute(environment, (key, current) -> {
            if (current != null && now < current.expiresAtMillis()) {
                return current;
            }
            PreparedEnvironment loaded = loader.apply(key);
            return loaded == null ? null : new Entry(loaded, now + timeToLiveMillis);
        });
        return entry == null ? null : entry.prepared();
    }

    @Override
    public void invalidate(EnvironmentKey environment) {
        environments.remove(environment);
        listeners.forEach(listener -> listener.invalidated(Optional.of(environment)));
    }

    @Override
    public int capacity() {
        return capacity;
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

    @Override
    public Sharing sharing() {
        return Sharing.LOCAL;
    }
}
