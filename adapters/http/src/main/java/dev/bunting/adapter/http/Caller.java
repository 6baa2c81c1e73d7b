package dev.bunting.adapter.http;

import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.identity.Session;
import java.util.function.Supplier;

/** Whom a request speaks for, resolved by {@link Authenticator} from its credentials as its route's {@link Access} asks. */
sealed interface Caller {

    Caller ANONYMOUS = new Anonymous();

    /** On a public route, whose credentials are not read. */
    record Anonymous() implements Caller {}

    /**
     * On an evaluation route: what the credentials grant, and how to check them again later (for a stream that stays
     * open), outside the key's rate limit.
     */
    record Evaluating(EvaluationAccess access, Supplier<EvaluationAccess> again) implements Caller {}

    /** On a route for signed-in principals; the session is null unless a user's token (not an API key) authenticated it. */
    record SignedIn(Principal principal, Session session) implements Caller {}
}
