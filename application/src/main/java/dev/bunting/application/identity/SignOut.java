package dev.bunting.application.identity;

import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

/** Ends one session: its token is refused from now on. Other sessions of the same user go on. */
public final class SignOut {

    private final Store store;

    @Inject
    public SignOut(Store store) {
        this.store = store;
    }

    public void signOut(Session session) {
        store.runInTransaction(
                repositories -> repositories.users().revokeToken(session.tokenId(), session.expiresAt()));
    }
}
