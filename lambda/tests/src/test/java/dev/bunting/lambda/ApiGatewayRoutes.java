package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routes a SAM template's HttpApi events give API Gateway, and the route API Gateway picks for a request: of the
 * routes whose path matches, the one with the most literal segments, a route for the method before one for ANY; the
 * {@code $default} route (an event without a path) only when none matches.
 */
final class ApiGatewayRoutes {

    /** @param path null for the {@code $default} route */
    record Route(String function, String method, String path) {}

    private ApiGatewayRoutes() {}

    static List<Route> of(JsonNode template) {
        List<Route> routes = new ArrayList<>();
        template.path("Resources")
                .properties()
                .forEach(resource -> resource.getValue()
                        .at("/Properties/Events")
                        .forEach(event -> {
                            if (event.path("Type").asText().equals("HttpApi")) {
                                JsonNode properties = event.path("Properties");
                                routes.add(new Route(
                                        resource.getKey(),
                                        properties.path("Method").asText("ANY").toUpperCase(java.util.Locale.ROOT),
                                        properties.has("Path")
                                                ? properties.path("Path").asText()
                                                : null));
                            }
                        }));
        return routes;
    }

    /** @return the function API Gateway sends the request to; fails when two routes tie or none matches */
    static String select(List<Route> routes, String method, String path) {
        List<Route> defaults =
                routes.stream().filter(route -> route.path() == null).toList();
        if (defaults.size() > 1) {
            throw new AssertionError("more than one $default route: " + defaults);
        }
        List<Route> matching = routes.stream()
                .filter(route -> route.path() != null
                        && matches(route.path(), path)
                        && (route.method().equals("ANY") || route.method().equals(method)))
                .toList();
        if (matching.isEmpty()) {
            if (defaults.isEmpty()) {
                throw new AssertionError("no route for " + method + " " + path);
            }
            return defaults.getFirst().function();
        }
        Comparator<Route> specificity = Comparator.comparingLong((Route route) -> literalSegments(route.path()))
                .thenComparing(route -> route.method().equals("ANY") ? 0 : 1);
        Route best = matching.stream().max(specificity).orElseThrow();
        List<Route> tied = matching.stream()
                .filter(route -> specificity.compare(route, best) == 0)
                .toList();
        if (tied.size() > 1) {
            throw new AssertionError("routes tie for " + method + " " + path + ": " + tied);
        }
        return best.function();
    }

    private static boolean matches(String template, String path) {
        String[] expected = template.substring(1).split("/", -1);
        String[] actual = path.substring(1).split("/", -1);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].endsWith("+}")) {
                return actual.length > i;
            }
            if (i >= actual.length || !(expected[i].startsWith("{") || expected[i].equals(actual[i]))) {
                return false;
            }
        }
        return expected.length == actual.length;
    }

    private static long literalSegments(String template) {
        return java.util.Arrays.stream(template.substring(1).split("/"))
                .filter(segment -> !segment.startsWith("{"))
                .count();
    }
}
