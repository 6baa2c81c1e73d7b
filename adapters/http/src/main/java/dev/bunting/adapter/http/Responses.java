package dev.bunting.adapter.http;

import dev.bunting.application.Outcome;

import java.util.Map;
import java.util.function.Function;

/** Builds responses, and maps use-case outcomes to them: the one place where outcomes become status codes. */
final class Responses {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final Json json;

    @jakarta.inject.Inject
    Responses(Json json) {
        this.json = json;
    }

    ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Map.of("Content-Type", JSON), json.write(body));
    }

    ApiResponse json(int status, Object body, long version) {
        return new ApiResponse(status, Map.of("Content-Type", JSON, "ETag", Versions.etag(version)), json.write(body));
    }

    ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), new byte[0]);
    }

    ApiResponse problem(Problem problem, String instance) {
        Map<String, String> headers = problem.status() == 401
                ? Map.of("Content-Type", PROBLEM_JSON, "WWW-Authenticate", "Bearer realm=\"bunting\"")
                : Map.of("Content-Type", PROBLEM_JSON);
        return new ApiResponse(problem.status(), headers, json.write(problem.body(instance)));
    }

    /** Maps an outcome; {@code done} renders the success, every other outcome becomes its problem. */
    <T> ApiResponse outcome(Outcome<T> outcome, String instance, Function<T, ApiResponse> done) {
        return outcome instanceof Outcome.Done<T> d ? done.apply(d.value()) : problem(problem(outcome), instance);
    }

    /** The problem an outcome other than done comes to. */
    static <T> Problem problem(Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Done<T> d -> throw new IllegalArgumentException("a done outcome is not a problem");
            case Outcome.NotFound<T> n -> Problem.notFound(n.resource());
            case Outcome.AlreadyExists<T> a -> Problem.of(409, "already-exists", "Already exists", a.resource() + " already exists");
            case Outcome.VersionConflict<T> c -> Problem.of(409, "version-conflict", "Version conflict",
                    c.resource() + " has changed since it was read: it is at version " + c.currentVersion() + ". Read it again and retry.")
                    .with("current_version", c.currentVersion());
            case Outcome.Refused<T> r -> Problem.of(409, "refused", "Change refused", r.reason());
            case Outcome.Unauthenticated<T> u -> Problem.of(401, "unauthenticated", "Authentication required", u.reason());
            case Outcome.Forbidden<T> f -> Problem.of(403, "forbidden", "Forbidden", f.reason());
        };
    }
}
