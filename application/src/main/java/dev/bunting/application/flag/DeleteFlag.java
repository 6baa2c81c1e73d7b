package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.ExperimentQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Deletes a flag and its config in every environment. */
public final class DeleteFlag {

    private final Store store;
    private final ConfigCache cache;
    private final Clock clock;

    @Inject
    public DeleteFlag(Store store, ConfigCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /** @param expectedVersion when given, the delete happens only if the flag is still at this version */
    public record Command(Principal principal, FlagKey key, OptionalLong expectedVersion) {}

    public Outcome<Flag> delete(Command command) {
        Optional<Outcome<Flag>> refused = Permissions.refusal(command.principal(), Action.DELETE_FLAG);
        if (refused.isPresent()) {
            return refused.get();
        }
        Outcome<Flag> outcome;
        do {
            outcome = store.inTransaction(repositories -> attempt(command, repositories));
        } while (command.expectedVersion().isEmpty() && outcome instanceof Outcome.VersionConflict);
        cache.invalidateAll();
        return outcome;
    }

    /** Without an expected version, a concurrent update between the read and the delete is retried, not reported. */
    private Outcome<Flag> attempt(Command command, Store.Repositories repositories) {
        Optional<Flag> found = repositories.flags().find(command.key());
        if (found.isEmpty()) {
            return Outcome.notFound("flag '" + command.key() + "'");
        }
        Flag current = found.get();
        List<Experiment> running = repositories
                .experiments()
                .list(new ExperimentQuery(
                        Optional.of(command.key()), Optional.empty(), Optional.of(ExperimentStatus.RUNNING)));
        if (!running.isEmpty()) {
            return new Outcome.Refused<>("experiment '" + running.getFirst().key() + "' runs on flag '" + command.key()
                    + "' in '" + running.getFirst().environment() + "'; stop it, with a decision, first");
        }
        long version = command.expectedVersion().orElse(current.version());
        if (!repositories.flags().delete(command.key(), version)) {
            return new Outcome.VersionConflict<>("flag '" + command.key() + "'", current.version());
        }
        repositories
                .audit()
                .record(new AuditEntry(
                        command.principal().actor(),
                        "flag.deleted",
                        Entity.flag(current.key()),
                        current,
                        null,
                        clock.instant()));
        return Outcome.done(current);
    }
}
