package dev.bunting.application.evaluation;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.StoreUnavailableException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The open watches on environments' flag sets (streams to SDKs), each told when its environment moves to a new
 * version. The config cache reports every invalidation: this instance's, and through a shared cache the other
 * instances'. The new versions are read on {@code executor}, never on the reporting thread, which may be a writer
 * finishing its request or a shared cache's connection. Reports are coalesced into passes that run one at a time and
 * read each reported environment once for all its watches, so a burst of changes costs one read per environment, and
 * no watch is told an older version after a newer one. A watch just opened is checked in the next pass too, for a
 * change it may have missed, but alone: checking every watch of its environment each time one opened cost each new
 * stream as much as all the open ones, so 10,000 clients connecting together cost 10,000 squared.
 */
@Singleton
public final class EnvironmentWatches {

    /** What a watch reports to. The calls for one watch never overlap. */
    public interface Watcher {

        /** The environment's flag set is now at {@code version}: not the version this watch started at or was last told. */
        void changed(String version);

        /**
         * The watch is over, and nothing more will come: the environment was deleted, the watch's access no longer lets
         * it follow the environment, the new version could not be read, or the service is stopping.
         */
        void ended();
    }

    private final EnvironmentRules rules;
    private final Executor executor;
    private final ConcurrentMap<EnvironmentKey, Set<Watch>> watches = new ConcurrentHashMap<>();
    private final Object reports = new Object();
    /** Environments reported since the running pass took its share; guarded by {@link #reports}, like the two below. */
    private final Set<EnvironmentKey> reported = new HashSet<>();
    /** Watches opened since the running pass took its share. */
    private final List<Watch> joined = new ArrayList<>();

    private boolean everythingReported;
    private boolean passing;

    @Inject
    public EnvironmentWatches(EnvironmentRules rules, ConfigCache cache, Executor executor) {
        this.rules = rules;
        this.executor = executor;
        cache.subscribe(this::invalidated);
    }

    /** One watcher following one environment, opened by {@link WatchEnvironment}. */
    public final class Watch {

        private final EnvironmentKey environment;
        private final EvaluationAccess access;
        private final Watcher watcher;
        private final String startedAt;
        private String told;
        private boolean over;

        private Watch(PreparedEnvironment environment, EvaluationAccess access, Watcher watcher) {
            this.environment = environment.environment();
            this.access = access;
            this.watcher = watcher;
            this.startedAt = environment.version();
            this.told = startedAt;
        }

        /** The version of the flag set when the watch began. */
        public String startedAt() {
            return startedAt;
        }

        /**
         * Ends the watch, telling its watcher, unless {@code now} may still follow the environment. {@code now} is what
         * the holder's credentials grant as they authenticate at this moment, or empty when they no longer do: a key
         * revoked, a token signed out or retired by a password change. Nothing about the environment changes when that
         * happens, so no report brings it: the holder asks again from time to time. When the environment cannot be
         * read, the watch goes on, since whether its access still holds cannot be told.
         */
        public void recheck(Optional<EvaluationAccess> now) {
            Optional<PreparedEnvironment> current;
            try {
                current = rules.of(environment).map(EnvironmentRules.Rules::environment);
            } catch (StoreUnavailableException e) {
                return;
            }
            if (now.isEmpty()
                    || current.isEmpty()
                    || now.get().refusal(current.get()).isPresent()) {
                end();
            }
        }

        /** Ends the watch without telling its watcher, for when its holder goes away (a client hanging up). Idempotent. */
        public void stop() {
            synchronized (this) {
                over = true;
            }
            remove(this);
        }

        private synchronized void tell(String version) {
            if (!over && !version.equals(told)) {
                told = version;
                watcher.changed(version);
            }
        }

        private void end() {
            synchronized (this) {
                if (over) {
                    return;
                }
                over = true;
            }
            remove(this);
            watcher.ended();
        }
    }

    /** How many watches are open. */
    public int open() {
        return watches.values().stream().mapToInt(Set::size).sum();
    }

    /** Ends every watch, telling each watcher: for a service that is stopping, so that its clients go elsewhere. */
    public void endAll() {
        watches.values().stream().flatMap(Set::stream).toList().forEach(Watch::end);
    }

    Watch add(PreparedEnvironment environment, EvaluationAccess access, Watcher watcher) {
        Watch watch = new Watch(environment, access, watcher);
        watches.compute(watch.environment, (key, open) -> {
            Set<Watch> all = open == null ? ConcurrentHashMap.newKeySet() : open;
            all.add(watch);
            return all;
        });
        // a change that landed after the environment was read, but before the watch was there to hear of it, shows now
        synchronized (reports) {
            joined.add(watch);
        }
        startPass();
        return watch;
    }

    private void remove(Watch watch) {
        watches.computeIfPresent(watch.environment, (key, open) -> {
            open.remove(watch);
            return open.isEmpty() ? null : open;
        });
    }

    private void invalidated(Optional<EnvironmentKey> environment) {
        synchronized (reports) {
            environment.ifPresentOrElse(reported::add, () -> everythingReported = true);
        }
        startPass();
    }

    private void startPass() {
        synchronized (reports) {
            if (passing) {
                return;
            }
            passing = true;
        }
        executor.execute(this::pass);
    }

    private void pass() {
        boolean done = false;
        try {
            while (!done) {
                Set<EnvironmentKey> due;
                List<Watch> newcomers;
                synchronized (reports) {
                    due = new HashSet<>(everythingReported ? watches.keySet() : reported);
                    reported.clear();
                    everythingReported = false;
                    due.retainAll(watches.keySet());
                    newcomers = List.copyOf(joined);
                    joined.clear();
                    done = due.isEmpty() && newcomers.isEmpty();
                    passing = !done;
                }
                due.forEach(
                        environment -> refresh(environment, List.copyOf(watches.getOrDefault(environment, Set.of()))));
                // a newcomer in an environment refreshed above has been told already
                newcomers.stream()
                        .filter(watch -> !due.contains(watch.environment))
                        .collect(Collectors.groupingBy(watch -> watch.environment))
                        .forEach(this::refresh);
            }
        } finally {
            if (!done) {
                // a failure no one expected ends this pass; the next report starts another
                synchronized (reports) {
                    passing = false;
                }
            }
        }
    }

    private void refresh(EnvironmentKey environment, List<Watch> following) {
        Optional<EnvironmentRules.Rules> found;
        try {
            found = rules.of(environment);
        } catch (StoreUnavailableException e) {
            following.forEach(Watch::end);
            return;
        }
        if (found.isPresent() && found.get().freshness() instanceof Freshness.Stale) {
            // what changed cannot be told, since only the last config seen is at hand: the clients reconnect, and
            // resume from what they saw once the store answers
            following.forEach(Watch::end);
            return;
        }
        Optional<PreparedEnvironment> current = found.map(EnvironmentRules.Rules::environment);
        for (Watch watch : following) {
            if (current.isEmpty() || watch.access.refusal(current.get()).isPresent()) {
                watch.end();
            } else {
                watch.tell(current.get().version());
            }
        }
    }
}
