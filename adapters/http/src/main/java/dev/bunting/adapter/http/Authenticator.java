package dev.bunting.adapter.http;

import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.identity.Authenticate;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.identity.Session;
import dev.bunting.application.key.AuthenticateKey;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.key.KeySecret;
import dev.bunting.domain.port.RateLimiter;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a request's credentials and resolves whom they speak for: a user's bearer token, or a key sent as
 * {@code X-API-Key}, as {@code X-SDK-Key} (the header of the original design, which SDKs send) or as a bearer token.
 * Anything short of valid credentials is a 401; an SDK or client key on a management route is a 403, since it is valid
 * but only evaluates.
 */
final class Authenticator {

    private static final String BEARER = "bearer ";
    static final String API_KEY_HEADER = "X-API-Key";
    static final String SDK_KEY_HEADER = "X-SDK-Key";
    static final String KEY_PARAMETER = "key";

    private final Authenticate authenticate;
    private final AuthenticateKey authenticateKey;
    private final RateLimiter keyRateLimiter;

    @Inject
    Authenticator(Authenticate authenticate, AuthenticateKey authenticateKey, RateLimiter keyRateLimiter) {
        this.authenticate = authenticate;
        this.authenticateKey = authenticateKey;
        this.keyRateLimiter = keyRateLimiter;
    }

    /** Whom a request speaks for, resolved from its credentials as its route's access asks; a 401, 403 or 429 if none. */
    Caller resolve(Access access, ApiRequest request) {
        return switch (access) {
            case Access.Public open -> Caller.ANONYMOUS;
            case Access.Evaluation evaluation ->
                new Caller.Evaluating(
                        evaluation.keyInQuery() ? streamAccess(request, true) : evaluationAccess(request, true),
                        () -> evaluation.keyInQuery()
                                ? streamAccess(request, false)
                                : evaluationAccess(request, false));
            case Access.Signed signed -> signedIn(request);
        };
    }

    /** The caller of a management route, which must present a user's token or an API key. */
    private Caller signedIn(ApiRequest request) {
        String credential = credential(request)
                .orElseThrow(
                        () -> unauthenticated(
                                "send a bearer token from POST /auth/login in the Authorization header, or an API key as X-API-Key"));
        if (KeySecret.looksLikeKey(credential)) {
            AccessKey key = key(credential);
            return switch (key.scope()) {
                case KeyScope.Management management -> new Caller.SignedIn(apiKeyPrincipal(key, management), null);
                case KeyScope.Evaluation evaluation ->
                    throw new ProblemException(Problem.of(
                            ProblemType.FORBIDDEN,
                            "an SDK key only evaluates flags; use an API key or a signed-in user's token here"));
            };
        }
        Session session = authenticate
                .authenticate(credential)
                .orElseThrow(() ->
                        unauthenticated("the bearer token is not valid (malformed, expired or revoked); log in again"));
        return new Caller.SignedIn(session.principal(), session);
    }

    /**
     * What an evaluation request presented; none at all is anonymous access, which public environments serve. A key is
     * metered against its evaluation rate unless the check is a stream's, asking again.
     */
    private EvaluationAccess evaluationAccess(ApiRequest request, boolean metered) {
        Optional<String> credential = credential(request);
        if (credential.isEmpty()) {
            return EvaluationAccess.ANONYMOUS;
        }
        if (KeySecret.looksLikeKey(credential.get())) {
            AccessKey key = key(credential.get());
            if (metered) {
                admitUnderTheRateLimit(key);
            }
            return switch (key.scope()) {
                case KeyScope.Evaluation evaluation ->
                    new EvaluationAccess.SdkKey(evaluation.environment(), evaluation.side());
                case KeyScope.Management management ->
                    new EvaluationAccess.Authenticated(apiKeyPrincipal(key, management));
            };
        }
        return authenticate
                .authenticate(credential.get())
                .<EvaluationAccess>map(session -> new EvaluationAccess.Authenticated(session.principal()))
                .orElseThrow(() -> unauthenticated("the bearer token is not valid (malformed, expired or revoked)"));
    }

    /**
     * What a request for an event stream presented: evaluation's credentials, or else an SDK or client key in the
     * {@value #KEY_PARAMETER} query parameter, since a browser's EventSource cannot send headers. Only those keys may
     * travel in a URL, which logs and histories keep: they only evaluate, and browser code carries a client key anyway.
     */
    private EvaluationAccess streamAccess(ApiRequest request, boolean metered) {
        Optional<String> inQuery =
                request.queryParameter(KEY_PARAMETER).map(String::strip).filter(value -> !value.isEmpty());
        if (inQuery.isEmpty() || credential(request).isPresent()) {
            return evaluationAccess(request, metered);
        }
        AccessKey key = key(inQuery.get());
        return switch (key.scope()) {
            case KeyScope.Evaluation evaluation ->
                new EvaluationAccess.SdkKey(evaluation.environment(), evaluation.side());
            case KeyScope.Management management ->
                throw unauthenticated("only an SDK or client key may be sent in the " + KEY_PARAMETER
                        + " parameter; send other keys in the X-API-Key header");
        };
    }

    /** Whether the request carries a user's token, whose check reads the store (keys are checked from a cache). */
    static boolean presentsUserToken(Function<String, Optional<String>> header) {
        return header.apply(API_KEY_HEADER).isEmpty()
                && header.apply(SDK_KEY_HEADER).isEmpty()
                && bearer(header)
                        .filter(token -> !KeySecret.looksLikeKey(token))
                        .isPresent();
    }

    /** A key over its evaluation rate gets 429 with Retry-After, in whole seconds rounded up. */
    private void admitUnderTheRateLimit(AccessKey key) {
        Duration wait = keyRateLimiter.acquire(key.id().value());
        if (wait.isPositive()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ProblemException(Problem.of(
                            ProblemType.RATE_LIMITED,
                            "this key is over its evaluation rate; retry in " + seconds + " s")
                    .with(Problem.RETRY_AFTER, seconds));
        }
    }

    private AccessKey key(String secret) {
        return authenticateKey
                .authenticate(secret)
                .orElseThrow(() -> unauthenticated("the key is not valid (unknown or revoked)"));
    }

    private static Principal apiKeyPrincipal(AccessKey key, KeyScope.Management management) {
        return new Principal.ApiKey(key.id().value(), key.name(), management.role());
    }

    /** X-API-Key first, then X-SDK-Key, then a bearer token. */
    private static Optional<String> credential(ApiRequest request) {
        return keyHeader(request, API_KEY_HEADER)
                .or(() -> keyHeader(request, SDK_KEY_HEADER))
                .or(() -> bearer(request::header));
    }

    private static Optional<String> keyHeader(ApiRequest request, String name) {
        return request.header(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Optional<String> bearer(Function<String, Optional<String>> header) {
        return header.apply("Authorization")
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).strip())
                .filter(value -> !value.isEmpty());
    }

    private static ProblemException unauthenticated(String detail) {
        return new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED, detail));
    }
}
