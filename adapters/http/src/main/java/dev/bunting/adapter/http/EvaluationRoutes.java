package dev.bunting.adapter.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.bunting.application.Outcome;
import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.flag.FlagKind;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluation over REST, open to anyone in environments with public evaluation and to SDK keys, signed-in users and
 * API keys elsewhere (see {@link dev.bunting.application.evaluation.EvaluationAccess}). An unknown flag is a 404; a context that cannot be evaluated (no targeting key for a split,
 * unusable values, wrong type asked for) is a 400 carrying the OpenFeature error code. An answer from a stale config
 * carries {@value Responses#CONFIG_STALE}.
 */
final class EvaluationRoutes implements RouteGroup {

    private final EvaluateFlag evaluateFlag;
    private final EvaluateAllFlags evaluateAllFlags;
    private final Responses responses;
    private final BulkEvaluationBodies bodies;

    @Inject
    EvaluationRoutes(
            EvaluateFlag evaluateFlag,
            EvaluateAllFlags evaluateAllFlags,
            Responses responses,
            BulkEvaluationBodies bodies) {
        this.evaluateFlag = evaluateFlag;
        this.evaluateAllFlags = evaluateAllFlags;
        this.responses = responses;
        this.bodies = bodies;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/evaluate/{key}", Access.EVALUATION, this::evaluateFromQuery)
                        .fromMemory()
                        .acceptingContextBesides(Contexts.RESERVED_QUERY_PARAMETERS),
                Route.of("POST", "/evaluate/{key}", Access.EVALUATION, this::evaluateFromBody)
                        .fromMemory(),
                Route.of("POST", "/evaluate", Access.EVALUATION, this::evaluateAll)
                        .fromMemory());
    }

    /** @param type when given, a flag of another kind is a TYPE_MISMATCH */
    record EvaluateBody(@JsonAlias("environment_key") String environment, Map<String, Object> context, String type) {}

    record EvaluateAllBody(@JsonAlias("environment_key") String environment, Map<String, Object> context) {}

    private ApiResponse evaluateFromQuery(Route.Call call) {
        ApiRequest request = call.request();
        EvaluationAccess access = call.evaluation();
        Optional<String> named =
                request.queryParameter("environment_key").or(() -> request.queryParameter("environment"));
        EnvironmentKey environment = environment(named, access, "environment_key");
        Optional<FlagKind> type = request.queryParameter("type").map(t -> FlagKind.fromWireName("type", t));
        return evaluate(call, environment, Contexts.fromQuery(request), type, access);
    }

    private ApiResponse evaluateFromBody(Route.Call call) {
        EvaluationAccess access = call.evaluation();
        EvaluateBody body = call.json().read(call.request().body(), EvaluateBody.class);
        Optional<FlagKind> type = Optional.ofNullable(body.type()).map(t -> FlagKind.fromWireName("type", t));
        return evaluate(
                call,
                environment(Optional.ofNullable(body.environment()), access, "environment"),
                Contexts.fromBody(body.context()),
                type,
                access);
    }

    private ApiResponse evaluate(
            Route.Call call,
            EnvironmentKey environment,
            EvaluationContext context,
            Optional<FlagKind> type,
            EvaluationAccess access) {
        var query = new EvaluateFlag.Query(environment, call.path("key"), context, type, access);
        Outcome<EvaluateFlag.Result> outcome = evaluateFlag.evaluate(query);
        return responses.outcome(
                outcome,
                call.request().path(),
                result -> responses.withFreshness(
                        respond(result.evaluation(), call.request().path()), result.freshness()));
    }

    private ApiResponse evaluateAll(Route.Call call) {
        EvaluationAccess access = call.evaluation();
        EvaluateAllBody body = call.json().read(call.request().body(), EvaluateAllBody.class);
        EnvironmentKey environment = environment(Optional.ofNullable(body.environment()), access, "environment");
        var query = new EvaluateAllFlags.Query(environment, Contexts.fromBody(body.context()), access);
        return responses.outcome(
                evaluateAllFlags.evaluate(query),
                call.request().path(),
                result -> responses.withFreshness(
                        new ApiResponse(
                                200,
                                Map.of("Content-Type", Responses.JSON),
                                bodies.write(environment, result.configVersion(), result.evaluations())),
                        result.freshness()));
    }

    private ApiResponse respond(Evaluation evaluation, String instance) {
        if (evaluation.errorCode() == null) {
            return responses.json(200, Representations.evaluation(evaluation));
        }
        return switch (evaluation.errorCode()) {
            case FLAG_NOT_FOUND ->
                responses.problem(
                        Problem.notFound("flag '" + evaluation.flagKey() + "'")
                                .with("error_code", evaluation.errorCode().name()),
                        instance);
            case TARGETING_KEY_MISSING, INVALID_CONTEXT, TYPE_MISMATCH ->
                responses.problem(
                        Problem.of(ProblemType.EVALUATION_FAILED, evaluation.errorMessage())
                                .with("error_code", evaluation.errorCode().name())
                                .with("flag_key", evaluation.flagKey()),
                        instance);
            // the flag's own config is at fault, not the caller: report it as an evaluation, as OpenFeature does
            case PARSE_ERROR, GENERAL -> responses.json(200, Representations.evaluation(evaluation));
        };
    }

    /**
     * The environment a request names, or else its SDK key's, as {@code /sdk/flags} and OFREP take it; naming none
     * without an SDK key is a 400 on {@code field}.
     */
    static EnvironmentKey environment(Optional<String> named, EvaluationAccess access, String field) {
        if (named.isPresent()) {
            return environmentKey(named.get());
        }
        if (access instanceof EvaluationAccess.SdkKey key) {
            return key.environment();
        }
        throw new ProblemException(Problem.badRequest(
                field, "required", "name the environment in " + field + ", or send an SDK key, which names its own"));
    }

    /** The environment a request names; an invalid key is a 400 on the field "environment". */
    static EnvironmentKey environmentKey(String environment) {
        try {
            return new EnvironmentKey(environment);
        } catch (InvalidInputException e) {
            throw InvalidInputException.of(
                    "environment",
                    e.violations().getFirst().code(),
                    e.violations().getFirst().message().replace("key", "environment"));
        }
    }
}
