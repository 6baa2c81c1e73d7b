package dev.bunting.adapter.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters a route reads. Every route declares its own: a request naming another is refused rather than
 * served as if the parameter were not there ({@code DELETE /flags/x?environment_key=development} must not delete the
 * flag everywhere). A route that reads an evaluation context from the query takes every name it does not reserve as
 * an attribute, so there no name is unknown; its reserved names are still checked like any parameter.
 *
 * @param names              the parameters the route reads
 * @param contextInTheRemainder every other name is a context attribute
 */
record QueryShape(Set<String> names, boolean contextInTheRemainder) {

    static final QueryShape NONE = new QueryShape(Set.of(), false);

    QueryShape {
        names = Set.copyOf(names);
    }

    static QueryShape only(String... names) {
        return new QueryShape(Set.of(names), false);
    }

    static QueryShape contextBesides(String... names) {
        return new QueryShape(Set.of(names), true);
    }

    /** Refuses a parameter the route does not read, and control characters in any name or value. */
    void check(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            InputText.checkLine("query", name);
            if (!contextInTheRemainder && !names.contains(name)) {
                String accepted = names.isEmpty()
                        ? "this operation takes no query parameters"
                        : "this operation takes only "
                                + String.join(", ", names.stream().sorted().toList());
                throw new ProblemException(Problem.badRequest(
                        name, "unknown_parameter", "unknown query parameter '" + name + "'; " + accepted));
            }
            for (String value : parameter.getValue()) {
                InputText.checkLine(name, value);
            }
        }
    }
}
