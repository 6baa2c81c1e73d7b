package dev.bunting.application.environment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

/** One environment, for whoever may read. */
public final class GetEnvironment {

    private final Store store;

    @Inject
    public GetEnvironment(Store store) {
        this.store = store;
    }

    public Outcome<Environment> get(Principal principal, EnvironmentKey key) {
        return Permissions.<Environment>refusal(principal, Action.READ).orElseGet(() -> find(key));
    }

    private Outcome<Environment> find(EnvironmentKey key) {
        return store.inTransaction(repositories -> repositories
                .environments()
                .find(key)
                .<Outcome<Environment>>map(Outcome::done)
                .orElse(Outcome.notFound("environment '" + key + "'")));
    }
}
