package dev.bunting.adapter.http;

import dev.bunting.application.Outcome;
import dev.bunting.application.evaluation.Freshness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Builds responses, and maps use-case outcomes to them: the one place where outcomes become status codes. */
final class Responses {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    /**
     * On an evaluation that ran on a config the store could not confirm (see {@link Freshness.Stale}); its value is the
     * instant the config was last known to be current, in ISO-8601. A header rather than OpenFeature's STALE reason, so
     * that the body keeps the real reason and its schema (OFREP's reasons have no STALE), and so that a client that
     * does not know the header still gets a correct answer.
     */
    static final String CONFIG_STALE = "X-Bunting-Config-Stale";

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
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        if (problem.type().challenges()) {
            headers.put("WWW-Authenticate", "Bearer realm=\"bunting\"");
        }
        if (problem.extensions().get(Problem.RETRY_AFTER) instanceof Long seconds) {
            headers.put("Retry-After", seconds.toString());
        }
        return new ApiResponse(problem.status(), headers, json.write(problem.body(instance)));
    }

    /** Marks an evaluation's response with {@link #CONFIG_STALE} when its config was stale; a current one goes out as it is. */
    ApiResponse withFreshness(ApiResponse response, Freshness freshness) {
        return switch (freshness) {
            case Freshness.Current current -> response;
            case Freshness.Stale stale -> {
                Map<String, String> headers = new LinkedHashMap<>(response.headers());
                headers.put(CONFIG_STALE, stale.asOf().toString());
                yield new ApiResponse(response.status(), headers, response.body());
            }
        };
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
            case Outcome.AlreadyExists<T> a -> Problem.of(ProblemType.ALREADY_EXISTS, a.resource() + " already exists");
            case Outcome.VersionConflict<T> c ->
                Problem.of(
                                ProblemType.VERSION_CONFLICT,
                                c.resource() + " has changed since it was read: it is at version " + c.currentVersion()
                                        + ". Read it again and retry.")
                        .with("current_version", c.currentVersion());
            case Outcome.Refused<T> r -> Problem.of(ProblemType.REFUSED, r.reason());
            case Outcome.Unauthenticated<T> u -> Problem.of(ProblemType.UNAUTHENTICATED, u.reason());
            case Outcome.Forbidden<T> f -> Problem.of(ProblemType.FORBIDDEN, f.reason());
            case Outcome.Throttled<T> t -> {
                long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
                yield Problem.of(
                                ProblemType.TOO_MANY_ATTEMPTS,
                                "too many recent attempts for this account or address; retry in " + seconds + " s")
                        .with(Problem.RETRY_AFTER, seconds);
            }
        };
    }
}
