package dev.bunting.application.evaluation;

import dev.bunting.application.StoreBreaker;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An environment's prepared flags, from the config cache, loaded from the store on a miss.
 *
 * <p>When the store cannot be reached and the cache holds nothing for an environment (a write invalidated it just
 * before, or the cache's entry expired), evaluation goes on with the last config this instance saw for it, marked
 * {@link Freshness.Stale stale}. That copy lives here rather than in the cache so that it outlives invalidations and
 * expiry whatever cache is plugged in; it is the object the cache holds until a change replaces it, so it costs little
 * memory while the cache holds it too. Copies are kept for as many environments as the cache holds at most
 * ({@link ConfigCache#capacity()}), so that memory stays bounded however many environments are evaluated: past that,
 * the copy loaded longest ago goes (an environment in use is loaded again each time its cache entry expires, so it stays).
 * An environment this instance has never seen, or whose copy went, cannot be evaluated without the store. Loads go through the
 * {@link StoreBreaker}: a store that is down is not asked on every evaluation, and an environment with a copy to fall
 * back on waits only briefly for its load.
 */
@Singleton
public final class EnvironmentRules {

    private final Store store;
    private final ConfigCache cache;
    private final Evaluator evaluator;
    private final StoreBreaker breaker;
    private final Clock clock;
    private final ConcurrentMap<EnvironmentKey, LastSeen> lastSeen = new ConcurrentHashMap<>();
    /** Numbers each copy kept, so that the one loaded longest ago is found when there are too many. */
    private final AtomicLong loads = new AtomicLong();

    @Inject
    public EnvironmentRules(Store store, ConfigCache cache, Evaluator evaluator, StoreBreaker breaker, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.evaluator = evaluator;
        this.breaker = breaker;
        this.clock = clock;
    }

    /** An environment's prepared flags and whether they are known to be current. */
    public record Rules(PreparedEnvironment environment, Freshness freshness) {}

    /** The same config as current and as stale, built once per config rather than per evaluation. */
    private record LastSeen(Rules current, Rules stale, long load) {
        LastSeen(PreparedEnvironment environment, Instant seenAt, long load) {
            this(new Rules(environment, Freshness.CURRENT), new Rules(environment, new Freshness.Stale(seenAt)), load);
        }
    }

    /**
     * @return empty when the environment does not exist (which is not cached, so creating it takes effect at once)
     * @throws StoreUnavailableException when the store cannot say, and this instance has never seen the environment
     */
    public Optional<Rules> of(EnvironmentKey environment) {
        return rules(environment, false);
    }

    /**
     * Prepares an environment's rules and caches them now, waiting for the store as long as a read takes: for a writer,
     * after its change and before its answer, so that the evaluations after the answer find the new rules ready, on this
     * instance and, through a shared cache, on the others, rather than each load them with only a brief wait. When the
     * store cannot be reached, the change is committed all the same, and evaluations load it as they would have.
     */
    public void reload(EnvironmentKey environment) {
        try {
            rules(environment, true);
        } catch (StoreUnavailableException e) {
            // evaluations load it, or fall back, as in any outage
        }
    }

    private Optional<Rules> rules(EnvironmentKey environment, boolean waitForTheStore) {
        PreparedEnvironment prepared;
        try {
            prepared = cache.get(environment, key -> load(key, waitForTheStore));
        } catch (StoreUnavailableException e) {
            LastSeen seen = lastSeen.get(environment);
            if (seen == null) {
                throw e;
            }
            return Optional.of(seen.stale());
        }
        if (prepared == null) {
            lastSeen.remove(environment);
            return Optional.empty();
        }
        LastSeen seen = lastSeen.get(environment);
        if (seen == null || seen.current().environment() != prepared) {
            seen = new LastSeen(prepared, clock.instant(), loads.incrementAndGet());
            lastSeen.put(environment, seen);
            forgetOldestPastCapacity();
        }
        return Optional.of(seen.current());
    }

    /** Runs only when a new copy is kept, which is once per load, so the scan costs nothing on a hit. */
    private void forgetOldestPastCapacity() {
        while (lastSeen.size() > cache.capacity()) {
            lastSeen.entrySet().stream()
                    .min(Comparator.comparingLong(entry -> entry.getValue().load()))
                    .ifPresent(oldest -> lastSeen.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    /** An environment and its flag states as the store holds them, not yet prepared. */
    private record Stored(Environment environment, List<FlagState> states) {}

    /**
     * Reads through the breaker, and prepares after: preparing compiles every config, which for a large one takes longer
     * than the breaker's patience, and a config that is slow to compile says nothing about whether the store answers.
     */
    private @Nullable PreparedEnvironment load(EnvironmentKey environment, boolean waitForTheStore) {
        Supplier<Optional<Stored>> read = () -> store.inTransaction(repositories -> repositories
                .environments()
                .find(environment)
                .map(found -> new Stored(found, repositories.flags().statesIn(environment))));
        Optional<Stored> stored =
                waitForTheStore || !lastSeen.containsKey(environment) ? breaker.read(read) : breaker.readBriefly(read);
        return stored.map(found -> PreparedEnvironment.prepare(found.environment(), found.states(), evaluator))
                .orElse(null);
    }
}
