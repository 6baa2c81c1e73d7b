package dev.bunting.application.flag;

import dev.bunting.domain.port.FlagPage;
import dev.bunting.domain.port.FlagQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

/** Pages through flags, filtered by tag and text. */
public final class ListFlags {

    private final Store store;

    @Inject
    public ListFlags(Store store) {
        this.store = store;
    }

    public FlagPage list(FlagQuery query) {
        return store.inTransaction(repositories -> repositories.flags().list(query));
    }
}
