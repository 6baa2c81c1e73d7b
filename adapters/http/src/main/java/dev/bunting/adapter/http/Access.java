package dev.bunting.adapter.http;

/**
 * Who may call a route, as the route table declares it. {@link HttpApi} resolves a request's credentials against it
 * once, before the handler runs, and hands the handler the {@link Caller} it came to. What a signed-in principal may
 * do there is the use case's decision, not the route's.
 */
sealed interface Access {

    /** Anyone; credentials are not read (sign-in, health, the API's own documents). */
    Access PUBLIC = new Public();
    /** Evaluation's credentials, or none at all (see {@link Authenticator#evaluationAccess}). */
    Access EVALUATION = new Evaluation(false);
    /** Evaluation's credentials, or an SDK or client key in the {@code key} query parameter, for event streams. */
    Access STREAM = new Evaluation(true);
    /** A signed-in principal: a user's token or an API key. */
    Access SIGNED = new Signed();

    record Public() implements Access {}

    /**
     * @param keyInQuery an SDK or client key may come in the {@value Authenticator#KEY_PARAMETER} query parameter, since
     *                   a browser's EventSource cannot send headers
     */
    record Evaluation(boolean keyInQuery) implements Access {}

    record Signed() implements Access {}
}
