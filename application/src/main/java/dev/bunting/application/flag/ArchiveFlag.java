package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.ExperimentQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Archives a flag: from then on it is evaluated nowhere (evaluations answer as for an unknown flag) and cannot be
 * changed, but its definition and every environment's config are kept, so {@link RestoreFlag} brings it back serving as
 * it did. Refused while an experiment runs on it, since stopping one needs a decision that archiving cannot make.
 */
public final class ArchiveFlag {

    private final ArchivedState archivedState;

    @Inject
    public ArchiveFlag(Store store, ConfigCache cache, Clock clock) {
        this.archivedState = new ArchivedState(store, cache, clock);
    }

    /** @param expectedVersion when given, the flag is archived only if it is still at this version */
    public record Command(Principal principal, FlagKey key, OptionalLong expectedVersion) {}

    public Outcome<Flag> archive(Command command) {
        return archivedState.change(
                command.principal(),
                command.key(),
                command.expectedVersion(),
                "flag.archived",
                (current, r) -> {
                    if (current.isArchived()) {
                        return Optional.of("flag '" + current.key() + "' is archived already");
                    }
                    List<Experiment> running = r.experiments()
                            .list(new ExperimentQuery(
                                    Optional.of(current.key()),
                                    Optional.empty(),
                                    Optional.of(ExperimentStatus.RUNNING)));
                    return running.stream()
                            .findFirst()
                            .map(experiment -> "experiment '" + experiment.key() + "' runs on flag '" + current.key()
                                    + "' in '" + experiment.environment() + "'; stop it, with a decision, first");
                },
                Flag::archive);
    }
}
