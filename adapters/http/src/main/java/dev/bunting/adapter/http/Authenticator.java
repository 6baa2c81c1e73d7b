package dev.bunting.adapter.http;

import dev.bunting.application.identity.Authenticate;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.identity.Session;
import jakarta.inject.Inject;

import java.util.Locale;

/** Reads the bearer token of a request and resolves its principal; anything short of a valid token is a 401. */
final class Authenticator {

    private static final String BEARER = "bearer ";

    private final Authenticate authenticate;

    @Inject
    Authenticator(Authenticate authenticate) {
        this.authenticate = authenticate;
    }

    /** Whom a request speaks for; the session is null unless a user's token authenticated it. */
    record Caller(Principal principal, Session session) {
        static final Caller ANONYMOUS = new Caller(null, null);
    }

    Caller caller(ApiRequest request) {
        String authorization = request.header("Authorization").orElse("");
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new ProblemException(Problem.of(401, "unauthenticated", "Authentication required",
                    "send a bearer token from POST /auth/login in the Authorization header"));
        }
        Session session = authenticate.authenticate(authorization.substring(BEARER.length()).strip())
                .orElseThrow(() -> new ProblemException(Problem.of(401, "unauthenticated", "Authentication required",
                        "the bearer token is not valid (malformed, expired or revoked); log in again")));
        return new Caller(session.principal(), session);
    }
}
