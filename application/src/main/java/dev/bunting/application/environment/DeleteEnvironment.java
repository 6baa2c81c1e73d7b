package dev.bunting.application.environment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.ExperimentQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes an environment and every flag config in it, and revokes its SDK keys, each audited; they stay listed as
 * revoked, so none works again even in an environment created later under the same key. Protected environments cannot
 * be deleted.
 */
public final class DeleteEnvironment {

    private final Store store;
    private final ConfigCache cache;
    private final KeyRevocations revocations;
    private final Clock clock;

    @Inject
    public DeleteEnvironment(Store store, ConfigCache cache, KeyRevocations revocations, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.revocations = revocations;
        this.clock = clock;
    }

    public record Command(Principal principal, EnvironmentKey key) {}

    public Outcome<Environment> delete(Command command) {
        Optional<Outcome<Environment>> refused = Permissions.refusal(command.principal(), Action.MANAGE_ENVIRONMENTS);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<AccessKey> revoked = new ArrayList<>();
        Outcome<Environment> outcome = store.inTransaction(repositories -> {
            Optional<Environment> found = repositories.environments().find(command.key());
            if (found.isEmpty()) {
                return Outcome.notFound("environment '" + command.key() + "'");
            }
            if (found.get().isProtected()) {
                return new Outcome.Refused<>("environment '" + command.key() + "' is protected and cannot be deleted");
            }
            List<Experiment> running = repositories
                    .experiments()
                    .list(new ExperimentQuery(
                            Optional.empty(), Optional.of(command.key()), Optional.of(ExperimentStatus.RUNNING)));
            if (!running.isEmpty()) {
                return new Outcome.Refused<>("experiment '" + running.getFirst().key() + "' runs in environment '"
                        + command.key() + "'; stop it, with a decision, first");
            }
            Instant now = clock.instant();
            revoked.addAll(revocations.revoke(
                    repositories,
                    command.principal().actor(),
                    key -> key.scope() instanceof KeyScope.Evaluation evaluation
                            && evaluation.environment().equals(command.key()),
                    now));
            repositories.environments().delete(command.key());
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(),
                            "environment.deleted",
                            Entity.environment(command.key()),
                            command.key(),
                            found.get(),
                            null,
                            now));
            return Outcome.done(found.get());
        });
        revocations.forget(revoked);
        cache.invalidate(command.key());
        return outcome;
    }
}
