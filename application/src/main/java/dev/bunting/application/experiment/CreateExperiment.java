package dev.bunting.application.experiment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Drafts an experiment on a flag in one environment. Nothing is measured until it starts. */
public final class CreateExperiment {

    private final Store store;
    private final Clock clock;

    @Inject
    public CreateExperiment(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Command(
            Principal principal,
            ExperimentKey key,
            String name,
            String hypothesis,
            FlagKey flag,
            EnvironmentKey environment,
            VariantKey control,
            List<Metric> metrics) {}

    public Outcome<Experiment> create(Command command) {
        Instant now = clock.instant();
        return store.inTransaction(repositories -> {
            Optional<Environment> environment = repositories.environments().find(command.environment());
            Optional<Outcome<Experiment>> refused = ExperimentWrites.refusal(command.principal(), environment);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (environment.isEmpty()) {
                return Outcome.notFound("environment '" + command.environment() + "'");
            }
            Optional<Flag> flag = repositories.flags().find(command.flag());
            if (flag.isEmpty()) {
                return Outcome.notFound("flag '" + command.flag() + "'");
            }
            Optional<String> archived = flag.get().refusalToChange();
            if (archived.isPresent()) {
                return new Outcome.Refused<>(archived.get());
            }
            if (!flag.get().hasVariant(command.control())) {
                throw InvalidInputException.of(
                        "control",
                        "unknown_variant",
                        "flag '" + command.flag() + "' has no variant '" + command.control() + "'");
            }
            Experiment draft = Experiment.draft(
                    command.key(),
                    command.name(),
                    command.hypothesis(),
                    command.flag(),
                    command.environment(),
                    command.control(),
                    command.metrics(),
                    now);
            if (!repositories.experiments().insert(draft)) {
                return new Outcome.AlreadyExists<>("experiment '" + command.key() + "'");
            }
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(),
                            "experiment.created",
                            Entity.experiment(draft.key()),
                            draft.environment(),
                            null,
                            draft,
                            now));
            return Outcome.done(draft);
        });
    }
}
