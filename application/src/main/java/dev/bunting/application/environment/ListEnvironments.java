package dev.bunting.application.environment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;

/** Every environment, by key, for whoever may read. */
public final class ListEnvironments {

    private final Store store;

    @Inject
    public ListEnvironments(Store store) {
        this.store = store;
    }

    public Outcome<List<Environment>> list(Principal principal) {
        return Permissions.<List<Environment>>refusal(principal, Action.READ)
                .orElseGet(() -> Outcome.done(store.inTransaction(
                        repositories -> repositories.environments().list())));
    }
}
