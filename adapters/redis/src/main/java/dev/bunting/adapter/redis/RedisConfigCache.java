package dev.bunting.adapter.redis;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bunting.adapter.redis.SharedConfigs.Versions;
import dev.bunting.adapter.redis.SnapshotDocument.Snapshot;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.port.ConfigCache;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Prepared configs shared by every instance through Redis, with a copy in each process for evaluating from memory.
 *
 * <p><b>What Redis holds</b> ({@link SharedConfigs}): per environment, a version and a snapshot of its flag configs
 * tagged with the versions it was loaded under, plus one version for everything. An instance that misses reads the
 * versions and, in the same round trip, the snapshot; only when no current snapshot exists does it load from the store,
 * and then it stores what it loaded for the others. A copy is tagged with the versions read <em>before</em> the load,
 * so it can only be older than its tag claims if a write both committed and announced itself after that read, and then
 * the versions have moved on and the copy is stale by its tag too.
 *
 * <p><b>Writes</b> (after their transaction commits) replace the version with a new random one, drop the snapshot and
 * publish the invalidation, in one script, before the write's response is sent.
 *
 * <p><b>Keeping copies fresh</b>, one of two ways, as the runtime can afford:
 * <ul>
 *   <li>{@link Freshness#SUBSCRIBE}, for long-running processes: a subscription hears every invalidation, and a copy is
 *   trusted without asking Redis, so evaluation never waits on it. To make a write visible to every evaluation that
 *   starts after its response, the writer waits (up to the Redis timeout) until every subscribed instance has confirmed
 *   that it has dropped its copy; it can receive confirmations only while subscribed itself, so a write made while its
 *   own subscription is down (and Redis up) reaches the others as fast as a message travels, unconfirmed. While the
 *   subscription is down nothing held is trusted: every get loads from the store until it is back.</li>
 *   <li>{@link Freshness#CHECK_EACH_GET}, for processes frozen between requests (Lambda), which can hold no
 *   subscription: every get compares its copy's versions with Redis's, one round trip.</li>
 * </ul>
 *
 * <p><b>Copies in this process</b> are at most {@link #capacity()} environments (Caffeine's map, evicting the least used on
 * the calling thread); an environment evicted is fetched again, from Redis's snapshot, when next asked for.
 *
 * <p><b>When Redis cannot be reached</b>, gets load from the store (the loader) and writes that cannot announce
 * themselves remember to, once Redis answers; nothing fails because of Redis. A warning is logged, at most one a minute.
 * What is not covered: an instance that cannot reach Redis while others can, and that stops before it can announce its
 * writes, leaves the others' copies stale until their time to live runs out.
 */
public final class RedisConfigCache implements ConfigCache {

    /** How a cache learns of other instances' writes. */
    private enum Freshness {
        /** Subscribe to invalidations, and trust copies while subscribed: no Redis round trip on a hit. */
        SUBSCRIBE,
        /** Compare versions with Redis on each get: one round trip each, and no background work between requests. */
        CHECK_EACH_GET
    }

    private static final Logger LOG = Logger.getLogger(RedisConfigCache.class.getName());

    private final RedisCalls redis;
    private final SharedConfigs shared;
    private final Freshness freshness;
    private final Evaluator evaluator;
    private final Clock clock;
    private final long timeToLiveMillis;
    private final RedisOutage outage;
    private final InvalidationSubscription subscription;
    private final int capacity;
    private final ConcurrentMap<EnvironmentKey, Copy> copies;
    /** Counts every forgetting: a load installs its copy only if nothing was forgotten while it ran. */
    private final AtomicLong forgettings = new AtomicLong();

    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();
    private final Owed owed = new Owed();

    /** A prepared environment, with the versions it was loaded under and when it expires. */
    private record Copy(PreparedEnvironment prepared, Versions versions, long expiresAtMillis) {}

    /**
     * A cache that compares versions with Redis on each get ({@link Freshness#CHECK_EACH_GET}), for processes frozen
     * between requests. Opens nothing and starts nothing.
     *
     * @param timeToLive how long a loaded environment is kept at most, here and in Redis; at least a millisecond
     * @param capacity   how many environments' copies this process holds at most; at least one
     */
    public static RedisConfigCache checkingEachGet(
            RedisCalls redis, Evaluator evaluator, Clock clock, Duration timeToLive, int capacity) {
        return new RedisConfigCache(redis, null, evaluator, clock, timeToLive, capacity);
    }

    /**
     * A cache that subscribes to invalidations on first use, through {@code subscriber}, and trusts its copies while
     * subscribed ({@link Freshness#SUBSCRIBE}), for long-running processes. Opens nothing and starts nothing yet.
     *
     * @param timeToLive how long a loaded environment is kept at most, here and in Redis; at least a millisecond
     * @param capacity   how many environments' copies this process holds at most; at least one
     */
    public static RedisConfigCache subscribed(
            RedisCalls redis,
            RedisSubscriber subscriber,
            Evaluator evaluator,
            Clock clock,
            Duration timeToLive,
            int capacity) {
        return new RedisConfigCache(redis, subscriber, evaluator, clock, timeToLive, capacity);
    }

    private RedisConfigCache(
            RedisCalls redis,
            RedisSubscriber subscriber,
            Evaluator evaluator,
            Clock clock,
            Duration timeToLive,
            int capacity) {
        if (timeToLive.toMillis() < 1) {
            throw new IllegalArgumentException("the time to live must be at least a millisecond, not " + timeToLive);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the cache must hold at least one environment, not " + capacity);
        }
        this.capacity = capacity;
        this.copies = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .<EnvironmentKey, Copy>build()
                .asMap();
        this.redis = redis;
        this.shared = new SharedConfigs(redis);
        this.freshness = subscriber == null ? Freshness.CHECK_EACH_GET : Freshness.SUBSCRIBE;
        this.evaluator = evaluator;
        this.clock = clock;
        this.timeToLiveMillis = timeToLive.toMillis();
        this.outage = new RedisOutage(clock);
        this.subscription = subscriber == null
                ? null
                : new InvalidationSubscription(subscriber, redis.timeout(), shared, new Subscriber());
    }

    @Override
    public PreparedEnvironment get(EnvironmentKey environment, Function<EnvironmentKey, PreparedEnvironment> loader) {
        long now = clock.millis();
        Copy held = copies.get(environment);
        boolean current = held != null && now < held.expiresAtMillis();
        return switch (freshness) {
            case SUBSCRIBE -> {
                subscription.start();
                if (!subscription.listening()) {
                    yield loader.apply(environment);
                }
                yield current ? held.prepared() : fetch(environment, null, loader, now);
            }
            case CHECK_EACH_GET ->
                outage.resting() ? loader.apply(environment) : fetch(environment, current ? held : null, loader, now);
        };
    }

    /**
     * Asks Redis for the environment's versions, and in the same round trip for its snapshot unless {@code held} is
     * current; then returns {@code held}, the snapshot prepared, or what the loader loads, caching the latter two.
     */
    private PreparedEnvironment fetch(
            EnvironmentKey environment, Copy held, Function<EnvironmentKey, PreparedEnvironment> loader, long now) {
        long forgotten = forgettings.get();
        SharedConfigs.Check check;
        try {
            // until this instance's unannounced writes are announced, Redis's versions and snapshots do not show them
            settleOwed();
            check = shared.check(environment, held == null ? null : held.versions());
        } catch (RedisUnavailableException e) {
            unreachable(e);
            return loader.apply(environment);
        }
        outage.answered();
        Versions versions = check.current();
        if (held != null) {
            if (versions.equals(held.versions())) {
                return held.prepared();
            }
            // another instance wrote: what this one holds for the environment, or for all of them, is stale
            Optional<EnvironmentKey> target = versions.all() != null
                            && versions.all().equals(held.versions().all())
                    ? Optional.of(environment)
                    : Optional.empty();
            forget(target);
            tell(target);
            forgotten = forgettings.get();
        }
        if (versions.complete()) {
            Optional<Snapshot> snapshot =
                    check.snapshot().flatMap(SnapshotDocument::read).filter(read -> isCurrent(read, check, now));
            if (snapshot.isPresent()) {
                PreparedEnvironment prepared = snapshot.get().prepare(evaluator);
                install(environment, new Copy(prepared, versions, snapshot.get().expiresAtMillis()), forgotten);
                return prepared;
            }
            return loadAndShare(environment, versions, loader, now, forgotten);
        }
        Versions established;
        try {
            established = shared.establish(environment, new Versions(newVersion(), newVersion()));
        } catch (RedisUnavailableException e) {
            unreachable(e);
            return loader.apply(environment);
        }
        return loadAndShare(environment, established, loader, now, forgotten);
    }

    private static boolean isCurrent(Snapshot snapshot, SharedConfigs.Check check, long now) {
        return snapshot.versions().equals(check.current()) && now < snapshot.expiresAtMillis();
    }

    /** Loads from the store, and caches what it loaded here and in Redis, tagged with {@code versions}. */
    private PreparedEnvironment loadAndShare(
            EnvironmentKey environment,
            Versions versions,
            Function<EnvironmentKey, PreparedEnvironment> loader,
            long now,
            long forgotten) {
        PreparedEnvironment loaded = loader.apply(environment);
        if (loaded == null) {
            return null;
        }
        long expiresAt = now + timeToLiveMillis;
        try {
            shared.store(environment, versions, loaded, expiresAt, timeToLiveMillis);
        } catch (RedisUnavailableException e) {
            unreachable(e);
            return loaded;
        }
        install(environment, new Copy(loaded, versions, expiresAt), forgotten);
        return loaded;
    }

    /**
     * Keeps {@code copy} unless something was forgotten since {@code forgotten} was read, which may have been it. The
     * check and the put hold the entry's lock, which forgetting's removal takes too, and forgetting counts before it
     * removes: so a copy is either put before a forgetting counts, and then removed by it, or never put. (Putting first
     * and taking it back on a second look would let other gets see a stale copy in between, after the forgetting.)
     */
    private void install(EnvironmentKey environment, Copy copy, long forgotten) {
        copies.compute(environment, (key, current) -> forgettings.get() == forgotten ? copy : current);
    }

    @Override
    public void invalidate(EnvironmentKey environment) {
        invalidate(Optional.of(environment));
    }

    @Override
    public void invalidateAll() {
        invalidate(Optional.empty());
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /**
     * Forgets the target here, announces it, and forgets it again: until the announcement replaces the versions in
     * Redis, a get here may fetch the snapshot from before the write and cache it again, and this instance's
     * subscription ignores its own announcement.
     */
    private void invalidate(Optional<EnvironmentKey> target) {
        forget(target);
        announce(target);
        forget(target);
        tell(target);
    }

    @Override
    public void subscribe(InvalidationListener listener) {
        listeners.add(listener);
    }

    @Override
    public Sharing sharing() {
        return switch (freshness) {
            case SUBSCRIBE ->
                subscription.settledState(redis.timeout().plusSeconds(1)) == InvalidationSubscription.State.LISTENING
                        ? Sharing.SHARED
                        : Sharing.DEGRADED;
            case CHECK_EACH_GET -> {
                if (outage.resting()) {
                    yield Sharing.DEGRADED;
                }
                try {
                    shared.ping();
                    outage.answered();
                    yield Sharing.SHARED;
                } catch (RedisUnavailableException e) {
                    unreachable(e);
                    yield Sharing.DEGRADED;
                }
            }
        };
    }

    /**
     * Publishes an invalidation this instance made, and (subscribed) waits until every instance that received it has
     * confirmed it; when Redis cannot be reached, remembers it for when it can.
     */
    private void announce(Optional<EnvironmentKey> target) {
        // A subscribed instance tries even while its subscription is down: Redis may be back, and others subscribed
        // again, before this one is, and they trust their copies. A checking instance rests after a failure, as it
        // meets Redis on its request path.
        if (freshness == Freshness.CHECK_EACH_GET && outage.resting()) {
            owed.add(target);
            return;
        }
        if (freshness == Freshness.SUBSCRIBE) {
            // the first write may come before the subscription is up: wait for it, or there is nobody to confirm to
            subscription.settledState(redis.timeout().plusSeconds(1));
        }
        String version = newVersion();
        Optional<InvalidationSubscription.Confirmations> confirmations =
                subscription == null ? Optional.empty() : subscription.expectConfirmations(version);
        try {
            settleOwed();
            long receivers = shared.announce(
                    target,
                    version,
                    confirmations
                            .map(InvalidationSubscription.Confirmations::origin)
                            .orElse(SharedConfigs.NO_CONFIRMATION));
            outage.answered();
            if (confirmations.isPresent() && !confirmations.get().await(receivers, redis.timeout())) {
                LOG.warning("not every instance confirmed within "
                        + redis.timeout().toMillis() + " ms that it dropped its copy of "
                        + target.map(EnvironmentKey::value).orElse("every environment")
                        + "; one may serve the old configs until it does");
            }
        } catch (RedisUnavailableException e) {
            unreachable(e);
            owed.add(target);
        } finally {
            confirmations.ifPresent(InvalidationSubscription.Confirmations::close);
        }
    }

    /**
     * Announces what could not be announced while Redis was unreachable, if anything. Under this instance's own origin,
     * so that its subscription knows the message for its own; but no confirmations are awaited, as they would arrive on
     * the subscription's thread, which may be the one settling, and the invalidation is late anyway.
     *
     * @throws RedisUnavailableException when Redis still cannot be reached; what is owed stays owed
     */
    private void settleOwed() {
        if (!owed.any()) {
            return;
        }
        Owed.Debt debt = owed.take();
        String origin = freshness == Freshness.SUBSCRIBE ? subscription.origin() : SharedConfigs.NO_CONFIRMATION;
        try {
            if (debt.everything()) {
                shared.announce(Optional.empty(), newVersion(), origin);
            } else {
                for (EnvironmentKey environment : debt.environments()) {
                    shared.announce(Optional.of(environment), newVersion(), origin);
                }
            }
        } catch (RedisUnavailableException e) {
            owed.restore(debt);
            throw e;
        }
    }

    /**
     * Redis failed: nothing held can be trusted any more, as invalidations may be going unheard; and should Redis come
     * back holding the versions it had, those would not show writes made meanwhile, so nothing held now may be kept.
     */
    private void unreachable(RedisUnavailableException e) {
        outage.failed(e);
        forget(Optional.empty());
    }

    private void forget(Optional<EnvironmentKey> target) {
        forgettings.incrementAndGet();
        target.ifPresentOrElse(copies::remove, copies::clear);
    }

    private void tell(Optional<EnvironmentKey> target) {
        listeners.forEach(listener -> listener.invalidated(target));
    }

    /** Versions are random, so that none is ever handed out twice, even by a Redis that forgot the last. */
    private static String newVersion() {
        return UUID.randomUUID().toString();
    }

    /** What the subscription reports, carried out on its thread. */
    private final class Subscriber implements InvalidationSubscription.Receiver {

        @Override
        public void listening() {
            forget(Optional.empty());
            outage.answered();
            settleOwed();
            // until now other instances' invalidations went unheard, after an interruption and before the first
            // subscription alike (a stream may have read its version from the store meanwhile): listeners must assume
            // anything changed; a watch whose version did not change tells its stream nothing
            tell(Optional.empty());
        }

        @Override
        public void deaf(RedisUnavailableException cause) {
            unreachable(cause);
        }

        @Override
        public void beat() {
            try {
                settleOwed();
            } catch (RedisUnavailableException e) {
                unreachable(e);
            }
        }

        @Override
        public void forget(Optional<EnvironmentKey> target) {
            RedisConfigCache.this.forget(target);
        }

        @Override
        public void forgotten(Optional<EnvironmentKey> target) {
            tell(target);
        }
    }

    /** Invalidations made while Redis could not be reached, still to be announced. */
    private static final class Owed {

        record Debt(boolean everything, Set<EnvironmentKey> environments) {}

        private boolean everything;
        private final Set<EnvironmentKey> environments = new HashSet<>();

        synchronized void add(Optional<EnvironmentKey> target) {
            target.ifPresentOrElse(environments::add, () -> everything = true);
        }

        synchronized boolean any() {
            return everything || !environments.isEmpty();
        }

        synchronized Debt take() {
            Debt debt = new Debt(everything, Set.copyOf(environments));
            everything = false;
            environments.clear();
            return debt;
        }

        synchronized void restore(Debt debt) {
            everything |= debt.everything();
            environments.addAll(debt.environments());
        }
    }
}
