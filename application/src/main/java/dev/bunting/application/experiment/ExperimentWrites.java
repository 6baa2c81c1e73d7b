package dev.bunting.application.experiment;

import dev.bunting.application.Outcome;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.ExperimentAlreadyRunningException;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one path every change to a stored experiment takes: the caller's role in the experiment's environment
 * (protected environments need admins, as flag configs do), the version the caller read, the audit entry in the same
 * transaction, and a reload of the environment, whose evaluations record exposures only while an experiment runs.
 */
public final class ExperimentWrites {

    private final Store store;
    private final ConfigCache cache;
    private final EnvironmentRules rules;
    private final Clock clock;

    @Inject
    public ExperimentWrites(Store store, ConfigCache cache, EnvironmentRules rules, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.rules = rules;
        this.clock = clock;
    }

    /** What a change makes of the stored experiment: the next one, or the reason it cannot change. */
    public sealed interface Step {
        record Next(Experiment experiment) implements Step {}

        record Refused(String reason) implements Step {}

        static Step of(Optional<String> refusal, java.util.function.Supplier<Experiment> next) {
            return refusal.<Step>map(Refused::new).orElseGet(() -> new Next(next.get()));
        }
    }

    @FunctionalInterface
    public interface Change {
        Step apply(Experiment current, Store.Repositories repositories, Instant at);
    }

    /**
     * @param expectedVersion when given, the change happens only if the experiment is still at this version; without
     *     it, a concurrent change between the read and the write is retried
     */
    public Outcome<Experiment> change(
            Principal principal, ExperimentKey key, OptionalLong expectedVersion, String action, Change change) {
        Outcome<Experiment> outcome;
        do {
            try {
                outcome = store.inTransaction(
                        repositories -> attempt(principal, key, expectedVersion, action, change, repositories));
            } catch (ExperimentAlreadyRunningException e) {
                outcome = new Outcome.Refused<>(e.reason());
            }
        } while (expectedVersion.isEmpty() && outcome instanceof Outcome.VersionConflict);
        if (outcome instanceof Outcome.Done<Experiment> done) {
            cache.invalidate(done.value().environment());
            rules.reload(done.value().environment());
        }
        return outcome;
    }

    /** The refusal, if {@code principal} may not manage experiments in {@code environment}. */
    static <T> Optional<Outcome<T>> refusal(Principal principal, Optional<Environment> environment) {
        return Permissions.refusal(
                principal,
                Action.MANAGE_EXPERIMENTS,
                environment.map(Environment::isProtected).orElse(false));
    }

    private Outcome<Experiment> attempt(
            Principal principal,
            ExperimentKey key,
            OptionalLong expectedVersion,
            String action,
            Change change,
            Store.Repositories repositories) {
        Optional<Experiment> found = repositories.experiments().find(key);
        if (found.isEmpty()) {
            return Outcome.notFound("experiment '" + key + "'");
        }
        Experiment current = found.get();
        Optional<Outcome<Experiment>> refused =
                refusal(principal, repositories.environments().find(current.environment()));
        if (refused.isPresent()) {
            return refused.get();
        }
        String resource = "experiment '" + key + "'";
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            return new Outcome.VersionConflict<>(resource, current.version());
        }
        Instant now = clock.instant();
        return switch (change.apply(current, repositories, now)) {
            case Step.Refused r -> new Outcome.Refused<>(r.reason());
            case Step.Next next -> {
                if (!repositories.experiments().update(next.experiment())) {
                    yield new Outcome.VersionConflict<>(resource, current.version());
                }
                repositories
                        .audit()
                        .record(new AuditEntry(
                                principal.actor(),
                                action,
                                Entity.experiment(key),
                                current.environment(),
                                current,
                                next.experiment(),
                                now));
                yield Outcome.done(next.experiment());
            }
        };
    }
}
