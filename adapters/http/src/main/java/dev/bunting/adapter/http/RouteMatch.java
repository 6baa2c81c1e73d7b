package dev.bunting.adapter.http;

import java.util.Map;
import java.util.Set;

/**
 * What a request's method and path came to in the route table. A transport asks {@link HttpApi#match} once per request
 * and uses the answer both to decide where the request runs ({@link HttpApi#mayBlock}, {@link #opensStream}) and to
 * serve it.
 */
public final class RouteMatch {

    sealed interface Result {}

    /** A route serves it; {@code head} when it is a HEAD served by the GET route. */
    record Found(Route route, Map<String, String> variables, boolean head) implements Result {}

    /** No route serves this method here; {@code allowed} are the methods served at the path, none when it is unknown. */
    record Unmatched(String method, Set<String> allowed) implements Result {}

    /** The path cannot be read (its encoding or a variable is invalid). */
    record Invalid(Problem problem) implements Result {}

    private final Result result;

    RouteMatch(Result result) {
        this.result = result;
    }

    Result result() {
        return result;
    }

    /** Whether the request opens an event stream, which a transport that holds responses open serves with {@link HttpApi#openStream}. */
    public boolean opensStream() {
        return result instanceof Found found && !found.head() && found.route().serving() instanceof Route.Stream;
    }

    /** The route's template, or "unmatched", for the request log. */
    String template() {
        return result instanceof Found found ? found.route().path().template() : "unmatched";
    }
}
