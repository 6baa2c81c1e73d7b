package dev.bunting.application.experiment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Deletes an experiment that never started. One that started keeps its key for good: its measurements (units, first
 * exposures, rollups) are stored under that key and stay, as the audit trail does, so a new experiment under the same
 * key would inherit them in its results. Such an experiment is archived instead.
 */
public final class DeleteExperiment {

    private final Store store;
    private final Clock clock;

    @Inject
    public DeleteExperiment(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Outcome<Experiment> delete(Principal principal, ExperimentKey key, OptionalLong expectedVersion) {
        Outcome<Experiment> outcome;
        do {
            outcome = store.inTransaction(r -> attempt(principal, key, expectedVersion, r));
        } while (expectedVersion.isEmpty() && outcome instanceof Outcome.VersionConflict);
        return outcome;
    }

    private Outcome<Experiment> attempt(
            Principal principal, ExperimentKey key, OptionalLong expectedVersion, Store.Repositories r) {
        Optional<Experiment> found = r.experiments().find(key);
        if (found.isEmpty()) {
            return Outcome.notFound("experiment '" + key + "'");
        }
        Experiment current = found.get();
        Optional<Outcome<Experiment>> refused =
                ExperimentWrites.refusal(principal, r.environments().find(current.environment()));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (current.status() == ExperimentStatus.RUNNING) {
            return new Outcome.Refused<>("experiment '" + key + "' is running; stop it, with a decision, first");
        }
        if (!current.phases().isEmpty()) {
            return new Outcome.Refused<>("experiment '" + key
                    + "' has run, and its measurements are kept under its key; archive it instead");
        }
        if (!r.experiments().delete(key, expectedVersion.orElse(current.version()))) {
            return new Outcome.VersionConflict<>("experiment '" + key + "'", current.version());
        }
        r.audit()
                .record(new AuditEntry(
                        principal.actor(),
                        "experiment.deleted",
                        Entity.experiment(key),
                        current.environment(),
                        current,
                        null,
                        clock.instant()));
        return Outcome.done(current);
    }
}
