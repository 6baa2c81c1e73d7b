package dev.bunting.application.key;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;

/** Every key, revoked ones included, newest first. Admins only. */
public final class ListKeys {

    private final Store store;

    @Inject
    public ListKeys(Store store) {
        this.store = store;
    }

    public Outcome<List<AccessKey>> list(Principal principal) {
        return Permissions.<List<AccessKey>>refusal(principal, Action.MANAGE_KEYS)
                .orElseGet(() -> Outcome.done(
                        store.inTransaction(repositories -> repositories.keys().list())));
    }
}
