package dev.bunting.application.environment;

import dev.bunting.application.Outcome;
import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

import java.time.Clock;

/** Adds an environment. Every flag starts off there. */
public final class CreateEnvironment {

    private final Store store;
    private final Clock clock;

    @Inject
    public CreateEnvironment(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @param name defaults to the key */
    public record Command(Actor actor, EnvironmentKey key, String name, boolean isProtected) {
    }

    public Outcome<Environment> create(Command command) {
        Environment environment = new Environment(command.key(), command.name() == null ? command.key().value() : command.name(),
                command.isProtected(), clock.instant());
        return store.inTransaction(repositories -> {
            if (!repositories.environments().insert(environment)) {
                return new Outcome.AlreadyExists<>("environment '" + command.key() + "'");
            }
            repositories.audit().record(new AuditEntry(command.actor(), "environment.created", "environment:" + command.key(),
                    null, environment, environment.createdAt()));
            return Outcome.done(environment);
        });
    }
}
