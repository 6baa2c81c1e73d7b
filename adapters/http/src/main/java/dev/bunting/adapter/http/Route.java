package dev.bunting.adapter.http;

import dev.bunting.application.identity.Principal;
import dev.bunting.application.identity.Session;
import java.util.Map;

/**
 * One operation of the API: method, path template, and what serves it.
 *
 * @param open       anyone may call it; every other route needs a signed-in principal
 * @param fromMemory the operation is answered from memory (prepared configs, static documents) and never waits on the
 *                   store once warm, so a transport may run it on an event-loop thread
 * @param query      the query parameters the operation reads; a request naming any other is a 400, so a parameter the
 *                   route ignores (a filter it does not apply) cannot widen what it does unnoticed
 */
record Route(String method, PathPattern path, Handler handler, boolean open, boolean fromMemory, QueryShape query) {

    /** A route for signed-in principals. */
    static Route of(String method, String template, Handler handler) {
        return new Route(method, PathPattern.of(template), handler, false, false, QueryShape.NONE);
    }

    /** A route anyone may call, such as sign-in. */
    static Route open(String method, String template, Handler handler) {
        return new Route(method, PathPattern.of(template), handler, true, false, QueryShape.NONE);
    }

    /** A route anyone may call that is answered from memory: evaluation and static documents. */
    static Route fromMemory(String method, String template, Handler handler) {
        return new Route(method, PathPattern.of(template), handler, true, true, QueryShape.NONE);
    }

    /** This route, reading these query parameters. */
    Route accepting(String... parameters) {
        return new Route(method, path, handler, open, fromMemory, QueryShape.only(parameters));
    }

    /** This route, reading these query parameters and taking every other one as an evaluation context's attribute. */
    Route acceptingContextBesides(String... parameters) {
        return new Route(method, path, handler, open, fromMemory, QueryShape.contextBesides(parameters));
    }

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(Call call);
    }

    /**
     * A matched request: the request, its path variables, whom it speaks for (null on open routes), the user's session
     * when a signed-in user's token authenticated it (null for API keys), and the tools handlers share.
     */
    record Call(
            ApiRequest request, Map<String, String> pathVariables, Json json, Principal principal, Session session) {
        String path(String name) {
            return pathVariables.get(name);
        }

        /** The signed-in user's session, for operations on one's own account that an API key cannot perform. */
        Session userSession() {
            if (session == null) {
                throw new ProblemException(
                        Problem.of(ProblemType.FORBIDDEN, "this operation needs a signed-in user, not an API key"));
            }
            return session;
        }
    }
}
