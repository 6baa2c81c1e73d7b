package dev.bunting.application.identity;

import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.TokenVerifier;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Turns a bearer token into the session it opens. The token must verify, must not have been signed out, its user must
 * still exist, and it must vouch for the user's current credentials (a password change retires every earlier token,
 * however close in time); the role is the user's current one, not the token's, so a demotion takes effect at once.
 */
public final class Authenticate {

    private final Store store;
    private final TokenVerifier tokens;

    @Inject
    public Authenticate(Store store, TokenVerifier tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    public Optional<Session> authenticate(String bearerToken) {
        return tokens.verify(bearerToken)
                .flatMap(token -> store.inTransaction(repositories -> repositories
                        .users()
                        .find(token.user())
                        .filter(user -> !repositories.users().isTokenRevoked(token.tokenId()))
                        .filter(user -> token.credentialsChangedAt().equals(user.credentialsChangedAt()))
                        .map(user -> new Session(
                                new Principal.SignedIn(user.id(), user.email(), user.role()),
                                token.tokenId(),
                                token.expiresAt()))));
    }
}
