package dev.bunting.application.identity;

import dev.bunting.application.Outcome;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;

/** Every user, for admins. */
public final class ListUsers {

    private final Store store;

    @Inject
    public ListUsers(Store store) {
        this.store = store;
    }

    public Outcome<List<User>> list(Principal principal) {
        return Permissions.<List<User>>refusal(principal, Action.MANAGE_USERS)
                .orElseGet(() -> Outcome.done(
                        store.inTransaction(repositories -> repositories.users().list())));
    }
}
