package dev.bunting.adapter.http;

import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.identity.Session;
import java.util.Map;

/**
 * One operation of the API: method, path template, who may call it, and what serves it.
 *
 * @param access  who may call it; {@link HttpApi} resolves the caller before the handler runs
 * @param serving an answer, or an event stream that stays open
 * @param query   the query parameters the operation reads; a request naming any other is a 400, so a parameter the
 *                route ignores (a filter it does not apply) cannot widen what it does unnoticed
 */
record Route(String method, PathPattern path, Access access, Serving serving, QueryShape query) {

    /** A route answered by {@code handler}, which may wait on the store. */
    static Route of(String method, String template, Access access, Handler handler) {
        return new Route(method, PathPattern.of(template), access, new Answer(handler, false), QueryShape.NONE);
    }

    /** A route that opens an event stream; a transport that answers each request once answers it with 501. */
    static Route stream(String method, String template, Access access, StreamOpener opener) {
        return new Route(method, PathPattern.of(template), access, new Stream(opener), QueryShape.NONE);
    }

    /**
     * This route, answered from memory (prepared configs, static documents): it never waits on the store once warm,
     * so a transport may run it on an event-loop thread.
     */
    Route fromMemory() {
        return switch (serving) {
            case Answer answer -> new Route(method, path, access, new Answer(answer.handler(), true), query);
            case Stream stream -> throw new IllegalStateException("opening a stream may wait on the store");
        };
    }

    /** This route, reading these query parameters. */
    Route accepting(String... parameters) {
        return new Route(method, path, access, serving, QueryShape.only(parameters));
    }

    /** This route, reading these query parameters and taking every other one as an evaluation context's attribute. */
    Route acceptingContextBesides(String... parameters) {
        return new Route(method, path, access, serving, QueryShape.contextBesides(parameters));
    }

    /** How a route is served. */
    sealed interface Serving {}

    /** @param fromMemory see {@link #fromMemory()} */
    record Answer(Handler handler, boolean fromMemory) implements Serving {}

    record Stream(StreamOpener opener) implements Serving {}

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(Call call);
    }

    @FunctionalInterface
    interface StreamOpener {
        EventStream open(Call call);
    }

    /** A matched request: the request, its path variables, whom it speaks for, and the tools handlers share. */
    record Call(ApiRequest request, Map<String, String> pathVariables, Json json, Caller caller) {
        String path(String name) {
            return pathVariables.get(name);
        }

        /** The signed-in principal, on a route declared {@link Access#SIGNED}. */
        Principal principal() {
            return signedIn().principal();
        }

        /** The signed-in user's session, for operations on one's own account that an API key cannot perform. */
        Session userSession() {
            Session session = signedIn().session();
            if (session == null) {
                throw new ProblemException(
                        Problem.of(ProblemType.FORBIDDEN, "this operation needs a signed-in user, not an API key"));
            }
            return session;
        }

        /** What the credentials grant, on a route declared for evaluation. */
        EvaluationAccess evaluation() {
            return evaluating().access();
        }

        Caller.Evaluating evaluating() {
            if (caller instanceof Caller.Evaluating evaluating) {
                return evaluating;
            }
            throw new IllegalStateException("the route is not declared for evaluation but asks for its access");
        }

        private Caller.SignedIn signedIn() {
            if (caller instanceof Caller.SignedIn signedIn) {
                return signedIn;
            }
            throw new IllegalStateException("the route is not declared for signed-in principals but asks for one");
        }
    }
}
