package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.FlagPage;
import dev.bunting.domain.port.FlagQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

/** Pages through flags, filtered by tag and text, for whoever may read. */
public final class ListFlags {

    private final Store store;

    @Inject
    public ListFlags(Store store) {
        this.store = store;
    }

    public Outcome<FlagPage> list(Principal principal, FlagQuery query) {
        return Permissions.<FlagPage>refusal(principal, Action.READ)
                .orElseGet(() -> Outcome.done(
                        store.inTransaction(repositories -> repositories.flags().list(query))));
    }
}
