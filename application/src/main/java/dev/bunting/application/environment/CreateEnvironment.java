package dev.bunting.application.environment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/** Adds an environment. Every flag starts off there. */
public final class CreateEnvironment {

    private final Store store;
    private final Clock clock;

    @Inject
    public CreateEnvironment(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param name             defaults to the key
     * @param publicEvaluation defaults to open where the environment is not protected, closed where it is
     */
    public record Command(
            Principal principal,
            EnvironmentKey key,
            String name,
            boolean isProtected,
            Optional<Boolean> publicEvaluation) {}

    public Outcome<Environment> create(Command command) {
        Optional<Outcome<Environment>> refused = Permissions.refusal(command.principal(), Action.MANAGE_ENVIRONMENTS);
        if (refused.isPresent()) {
            return refused.get();
        }
        Environment environment = new Environment(
                command.key(),
                command.name() == null ? command.key().value() : command.name(),
                command.isProtected(),
                command.publicEvaluation().orElse(!command.isProtected()),
                clock.instant());
        return store.inTransaction(repositories -> {
            if (!repositories.environments().insert(environment)) {
                return new Outcome.AlreadyExists<>("environment '" + command.key() + "'");
            }
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(),
                            "environment.created",
                            Entity.environment(command.key()),
                            command.key(),
                            null,
                            environment,
                            environment.createdAt()));
            return Outcome.done(environment);
        });
    }
}
