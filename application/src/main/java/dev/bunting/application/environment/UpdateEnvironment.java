package dev.bunting.application.environment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Renames an environment, protects it or lifts the protection, or opens or closes evaluation without a key. Admins
 * only. Evaluations that start after this returns see the new public-evaluation setting.
 */
public final class UpdateEnvironment {

    private final Store store;
    private final ConfigCache cache;
    private final Clock clock;

    @Inject
    public UpdateEnvironment(Store store, ConfigCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /** Each setting that is absent stays as it is. */
    public record Command(
            Principal principal,
            EnvironmentKey key,
            Optional<String> name,
            Optional<Boolean> isProtected,
            Optional<Boolean> publicEvaluation) {}

    public Outcome<Environment> update(Command command) {
        var refused = Permissions.<Environment>refusal(command.principal(), Action.MANAGE_ENVIRONMENTS);
        if (refused.isPresent()) {
            return refused.get();
        }
        Outcome<Environment> outcome = store.inTransaction(repositories -> {
            Optional<Environment> found = repositories.environments().find(command.key());
            if (found.isEmpty()) {
                return Outcome.notFound("environment '" + command.key() + "'");
            }
            Environment current = found.get();
            Environment updated = current.withSettings(
                    command.name().orElse(current.name()),
                    command.isProtected().orElse(current.isProtected()),
                    command.publicEvaluation().orElse(current.publicEvaluation()));
            if (updated.equals(current)) {
                return Outcome.done(current);
            }
            repositories.environments().update(updated);
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(),
                            "environment.updated",
                            Entity.environment(command.key()),
                            command.key(),
                            current,
                            updated,
                            clock.instant()));
            return Outcome.done(updated);
        });
        cache.invalidate(command.key());
        return outcome;
    }
}
