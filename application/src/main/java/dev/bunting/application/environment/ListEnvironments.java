package dev.bunting.application.environment;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;

/** Every environment, by key. */
public final class ListEnvironments {

    private final Store store;

    @Inject
    public ListEnvironments(Store store) {
        this.store = store;
    }

    public List<Environment> list() {
        return store.inTransaction(repositories -> repositories.environments().list());
    }
}
