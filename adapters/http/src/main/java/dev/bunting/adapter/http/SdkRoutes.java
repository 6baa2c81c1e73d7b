package dev.bunting.adapter.http;

import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.evaluation.GetConfigSnapshot;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagDocuments;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For SDKs that evaluate locally: an environment's whole flag set, which they poll with If-None-Match. Access is
 * evaluation's (see {@link EvaluationAccess}); the environment is the {@code environment} query parameter, or else the
 * SDK key's.
 */
final class SdkRoutes implements RouteGroup {

    private final GetConfigSnapshot getConfigSnapshot;
    private final Authenticator authenticator;
    private final Responses responses;
    private final Json json;

    @Inject
    SdkRoutes(GetConfigSnapshot getConfigSnapshot, Authenticator authenticator, Responses responses, Json json) {
        this.getConfigSnapshot = getConfigSnapshot;
        this.authenticator = authenticator;
        this.responses = responses;
        this.json = json;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.fromMemory("GET", "/sdk/flags", this::snapshot));
    }

    private ApiResponse snapshot(Route.Call call) {
        ApiRequest request = call.request();
        EvaluationAccess access = authenticator.evaluationAccess(request);
        var query = new GetConfigSnapshot.Query(environment(request, access), access);
        return responses.outcome(getConfigSnapshot.get(query), request.path(), snapshot -> {
            String etag = etag(snapshot.environment(), snapshot.version());
            if (Versions.heldAlready(request, etag)) {
                return new ApiResponse(304, Map.of("ETag", etag), new byte[0]);
            }
            return new ApiResponse(200, Map.of("Content-Type", Responses.JSON, "ETag", etag), json.write(body(snapshot)));
        });
    }

    /**
     * Strong, and the same on every instance holding the same flag set. It names the environment as well as the
     * version: two environments whose flags and configs are at the same version numbers share a version while their
     * configs differ, and {@code GET /sdk/flags} with an SDK key names no environment in its URL.
     */
    static String etag(EnvironmentKey environment, String version) {
        return "\"" + environment.value() + ":" + version + "\"";
    }

    private static EnvironmentKey environment(ApiRequest request, EvaluationAccess access) {
        Optional<String> named = request.queryParameter("environment");
        if (named.isPresent()) {
            return EvaluationRoutes.environmentKey(named.get());
        }
        if (access instanceof EvaluationAccess.SdkKey key) {
            return key.environment();
        }
        throw new ProblemException(Problem.badRequest("environment", "required", "name the environment, or send an SDK key, which names its own"));
    }

    private static Map<String, Object> body(GetConfigSnapshot.Snapshot snapshot) {
        List<Map<String, Object>> flags = new ArrayList<>(snapshot.flags().size());
        for (GetConfigSnapshot.ConfiguredFlag configured : snapshot.flags()) {
            Flag flag = configured.flag();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("key", flag.key().value());
            document.put("kind", flag.kind().wireName());
            document.put("variants", FlagDocuments.writeVariants(flag.variants()));
            document.put("salt", flag.salt());
            document.put("bucket_by", flag.bucketBy());
            document.put("config", FlagDocuments.writeConfig(configured.config()));
            flags.add(document);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environment", snapshot.environment().value());
        body.put("version", snapshot.version());
        body.put("flags", flags);
        return body;
    }
}
