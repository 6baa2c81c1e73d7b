package dev.bunting.adapter.http;

import dev.bunting.application.Outcome;
import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.evaluation.Freshness;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.ErrorCode;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenFeature Remote Evaluation Protocol (vendored as {@code shared/vendor-data/ofrep/openapi.yaml}), so that
 * OpenFeature's OFREP providers evaluate against Bunting without a Bunting SDK.
 *
 * <p>The environment is the SDK key's. Without one (a public environment, an API key or a user's token), the
 * {@value #ENVIRONMENT_HEADER} header or the {@code environment} query parameter names it. Bodies and errors take
 * OFREP's shapes, not problem+json, except for 401 and 403, where OFREP defines no body. Where the transport streams,
 * bulk answers name the environment's event stream in {@code eventStreams}, so that providers refetch on change
 * rather than poll. An answer from a stale config carries {@value Responses#CONFIG_STALE}, and each flag that evaluated
 * says {@code "stale": true} in its metadata.
 */
final class OfrepRoutes implements RouteGroup {

    static final String ENVIRONMENT_HEADER = "X-Bunting-Environment";

    private final EvaluateFlag evaluateFlag;
    private final EvaluateAllFlags evaluateAllFlags;
    private final Responses responses;
    private final ApiSettings settings;

    @Inject
    OfrepRoutes(
            EvaluateFlag evaluateFlag, EvaluateAllFlags evaluateAllFlags, Responses responses, ApiSettings settings) {
        this.evaluateFlag = evaluateFlag;
        this.evaluateAllFlags = evaluateAllFlags;
        this.responses = responses;
        this.settings = settings;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/ofrep/v1/evaluate/flags/{key}", Access.EVALUATION, this::evaluate)
                        .fromMemory()
                        .accepting("environment"),
                Route.of("POST", "/ofrep/v1/evaluate/flags", Access.EVALUATION, this::evaluateAll)
                        .fromMemory()
                        .accepting("environment"));
    }

    private ApiResponse evaluate(Route.Call call) {
        String key = call.path("key");
        EvaluationAccess access = call.evaluation();
        Request request;
        try {
            request = request(call, access);
        } catch (OfrepFailure failure) {
            return responses.json(400, failure.body(key));
        }
        var query = new EvaluateFlag.Query(request.environment(), key, request.context(), Optional.empty(), access);
        Outcome<EvaluateFlag.Result> outcome = evaluateFlag.evaluate(query);
        if (outcome instanceof Outcome.NotFound<EvaluateFlag.Result> notFound) {
            return responses.json(400, generalFailure(key, notFound.resource() + " does not exist"));
        }
        return responses.outcome(
                outcome,
                call.request().path(),
                result -> responses.withFreshness(single(result.evaluation(), result.freshness()), result.freshness()));
    }

    private ApiResponse evaluateAll(Route.Call call) {
        EvaluationAccess access = call.evaluation();
        Request request;
        try {
            request = request(call, access);
        } catch (OfrepFailure failure) {
            return responses.json(400, failure.body(null));
        }
        var query = new EvaluateAllFlags.Query(request.environment(), request.context(), access);
        Outcome<EvaluateAllFlags.Result> outcome = evaluateAllFlags.evaluate(query);
        if (outcome instanceof Outcome.NotFound<EvaluateAllFlags.Result> notFound) {
            return responses.json(400, generalFailure(null, notFound.resource() + " does not exist"));
        }
        return responses.outcome(outcome, call.request().path(), result -> {
            String etag = etag(
                    request.environment(),
                    result.configVersion(),
                    call.request().body());
            if (Versions.heldAlready(call.request(), etag)) {
                return responses.withFreshness(
                        new ApiResponse(304, Map.of("ETag", etag), new byte[0]), result.freshness());
            }
            List<Map<String, Object>> flags =
                    new ArrayList<>(result.evaluations().size());
            for (Evaluation evaluation : result.evaluations()) {
                flags.add(evaluation.isError() ? failure(evaluation) : success(evaluation, result.freshness()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("flags", flags);
            if (settings.eventStreams()) {
                body.put("eventStreams", List.of(eventStream(request.environment())));
            }
            body.put("metadata", Map.of("version", result.configVersion()));
            ApiResponse response = responses.json(200, body);
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            headers.put("ETag", etag);
            return responses.withFreshness(new ApiResponse(200, headers, response.body()), result.freshness());
        });
    }

    private record Request(EnvironmentKey environment, EvaluationContext context) {}

    /**
     * The environment's event stream, as an endpoint relative to the provider's OFREP base URL, so that it goes where
     * the provider already goes. It carries no key: a URL is logged and kept, and the provider sends its credentials
     * as it does to OFREP (or, in a browser, an SDK key in the stream's key parameter).
     */
    private static Map<String, Object> eventStream(EnvironmentKey environment) {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("type", "sse");
        stream.put("endpoint", Map.of("requestUri", SdkRoutes.STREAM + "?environment=" + environment.value()));
        return stream;
    }

    /** A request OFREP calls bad (400), with the error code it names. */
    private static final class OfrepFailure extends RuntimeException {
        private final ErrorCode code;

        OfrepFailure(ErrorCode code, String details) {
            super(details, null, false, false);
            this.code = code;
        }

        Map<String, Object> body(String key) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (key != null) {
                body.put("key", key);
            }
            body.put("errorCode", code.name());
            body.put("errorDetails", getMessage());
            return body;
        }
    }

    private Request request(Route.Call call, EvaluationAccess access) {
        Map<String, Object> body;
        try {
            body = call.json().readObject(call.request().body());
        } catch (ProblemException e) {
            throw new OfrepFailure(ErrorCode.PARSE_ERROR, e.problem().detail());
        }
        // OFREP is a protocol that grows: fields beside the context are ignored, not refused
        if (!(body.get("context") instanceof Map<?, ?> context)) {
            throw new OfrepFailure(ErrorCode.INVALID_CONTEXT, "the body needs a context object");
        }
        EvaluationContext evaluationContext;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) context;
            evaluationContext = Contexts.fromBody(attributes);
        } catch (ProblemException e) {
            throw new OfrepFailure(ErrorCode.INVALID_CONTEXT, e.problem().detail());
        } catch (InvalidInputException e) {
            throw new OfrepFailure(
                    ErrorCode.INVALID_CONTEXT, e.violations().getFirst().message());
        }
        return new Request(environment(call.request(), access), evaluationContext);
    }

    private static EnvironmentKey environment(ApiRequest request, EvaluationAccess access) {
        Optional<String> named = request.header(ENVIRONMENT_HEADER).or(() -> request.queryParameter("environment"));
        if (named.isEmpty()) {
            if (access instanceof EvaluationAccess.SdkKey key) {
                return key.environment();
            }
            throw new OfrepFailure(
                    ErrorCode.GENERAL,
                    "send an SDK key, or name the environment in the " + ENVIRONMENT_HEADER + " header");
        }
        try {
            return new EnvironmentKey(named.get());
        } catch (InvalidInputException e) {
            throw new OfrepFailure(ErrorCode.GENERAL, "'" + named.get() + "' is not an environment key");
        }
    }

    private ApiResponse single(Evaluation evaluation, Freshness freshness) {
        if (!evaluation.isError()) {
            return responses.json(200, success(evaluation, freshness));
        }
        return responses.json(evaluation.errorCode() == ErrorCode.FLAG_NOT_FOUND ? 404 : 400, failure(evaluation));
    }

    /**
     * OpenFeature's providers hand a flag's metadata to the application but not the response's headers, so an answer
     * from a stale config says so there too, as {@code "stale": true}.
     */
    private static Map<String, Object> success(Evaluation evaluation, Freshness freshness) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", evaluation.flagKey());
        body.put("value", evaluation.value());
        body.put("reason", reason(evaluation));
        if (evaluation.variant() != null) {
            body.put("variant", evaluation.variant().value());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (!reason(evaluation).equals(evaluation.reason().name())) {
            metadata.put("reason", evaluation.reason().name());
        }
        if (evaluation.ruleId() != null) {
            metadata.put("ruleId", evaluation.ruleId().value());
        }
        if (freshness instanceof Freshness.Stale) {
            metadata.put("stale", true);
        }
        if (!metadata.isEmpty()) {
            body.put("metadata", metadata);
        }
        return body;
    }

    /**
     * OFREP's reasons are OpenFeature's less DEFAULT. A fallthrough after rules that did not match is not STATIC
     * (providers cache STATIC answers regardless of the context), so it goes out as UNKNOWN with the real reason in
     * the metadata.
     */
    private static String reason(Evaluation evaluation) {
        return switch (evaluation.reason()) {
            case STATIC, TARGETING_MATCH, SPLIT, DISABLED -> evaluation.reason().name();
            case DEFAULT, ERROR -> "UNKNOWN";
        };
    }

    private static Map<String, Object> failure(Evaluation evaluation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", evaluation.flagKey());
        // OFREP has no TYPE_MISMATCH: its requests name no type, so none arises here
        body.put("errorCode", evaluation.errorCode().name());
        body.put("errorDetails", evaluation.errorMessage());
        return body;
    }

    private static Map<String, Object> generalFailure(String key, String details) {
        return new OfrepFailure(ErrorCode.GENERAL, details).body(key);
    }

    /**
     * Covers the environment, its flag set's version and the request body, hence the context: a client with another
     * context, or whose SDK key now names another environment, must never be told that its answers have not changed.
     * (Two environments can hold flag sets of the same version, since the version counts changes, not contents.)
     */
    static String etag(EnvironmentKey environment, String configVersion, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(environment.value().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(configVersion.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
