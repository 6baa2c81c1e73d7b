package dev.bunting.adapter.http;

import dev.bunting.application.Outcome;
import dev.bunting.application.evaluation.EnvironmentWatches;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.evaluation.GetConfigSnapshot;
import dev.bunting.application.evaluation.WatchEnvironment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.port.ConfigCache;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.Deflater;

/**
 * For SDKs: an environment's whole flag set, for those that evaluate locally and poll it with If-None-Match, and an
 * event stream of its versions, on transports that hold a response open. Access is evaluation's (see
 * {@link EvaluationAccess}); the environment is the {@code environment} query parameter, or else the SDK key's.
 */
final class SdkRoutes implements RouteGroup {

    static final String STREAM = "/sdk/stream";

    private final GetConfigSnapshot getConfigSnapshot;
    private final Provider<WatchEnvironment> watchEnvironment;
    private final Responses responses;
    private final Json json;
    private final RefetchEvents events;
    private final ConcurrentMap<EnvironmentKey, Body> bodies;

    /**
     * Watching is made on the first stream, so that a runtime that never streams never follows the cache. Bodies are
     * kept for as many environments as the config cache holds.
     */
    @Inject
    SdkRoutes(
            GetConfigSnapshot getConfigSnapshot,
            Provider<WatchEnvironment> watchEnvironment,
            Responses responses,
            Json json,
            ConfigCache configs) {
        this.getConfigSnapshot = getConfigSnapshot;
        this.watchEnvironment = watchEnvironment;
        this.responses = responses;
        this.json = json;
        this.bodies = PerEnvironment.holding(configs.capacity());
        this.events = new RefetchEvents(json, configs.capacity());
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/sdk/flags", Access.EVALUATION, this::snapshot)
                        .fromMemory()
                        .accepting("environment"),
                Route.stream("GET", STREAM, Access.STREAM, this::openStream)
                        .accepting("environment", Authenticator.KEY_PARAMETER));
    }

    /**
     * Opens an event stream on the named environment (or the SDK key's); its access is checked again every so often,
     * with the credentials that opened it.
     */
    private EventStream openStream(Route.Call call) {
        ApiRequest request = call.request();
        Caller.Evaluating caller = call.evaluating();
        EvaluationAccess access = caller.access();
        EnvironmentKey environment = environment(request, access);
        EventStream stream = new EventStream(
                environment, request.header("Last-Event-ID").map(String::strip), events, caller.again());
        Outcome<EnvironmentWatches.Watch> outcome =
                watchEnvironment.get().watch(new WatchEnvironment.Query(environment, access, stream.watcher()));
        if (outcome instanceof Outcome.Done<EnvironmentWatches.Watch> done) {
            return stream.following(done.value());
        }
        throw new ProblemException(Responses.problem(outcome));
    }

    private ApiResponse snapshot(Route.Call call) {
        ApiRequest request = call.request();
        EvaluationAccess access = call.evaluation();
        var query = new GetConfigSnapshot.Query(environment(request, access), access);
        return responses.outcome(getConfigSnapshot.get(query), request.path(), snapshot -> {
            String etag = etag(snapshot.environment(), snapshot.version());
            Body body = body(snapshot);
            if (Versions.heldAlready(request, etag)) {
                return body.plain().length < Compression.MIN_BYTES
                        ? new ApiResponse(304, Map.of("ETag", etag), new byte[0])
                        : Compression.notModified(request, etag);
            }
            return Compression.negotiate(
                    request,
                    new ApiResponse(200, Map.of("Content-Type", Responses.JSON, "ETag", etag), body.plain()),
                    body::gzipped);
        });
    }

    /**
     * An environment's snapshot on the wire, plain and compressed, for the version it was built for: the same bytes
     * for every caller until the version changes, so they are built once per version rather than per request. Only
     * the latest version of each environment is kept, for as many environments as the config cache holds at most: the
     * least used are dropped past that, and built again when next asked for.
     */
    private record Body(String version, byte[] plain, byte[] gzipped) {}

    private Body body(GetConfigSnapshot.Snapshot snapshot) {
        return bodies.compute(snapshot.environment(), (environment, held) -> {
            if (held != null && held.version().equals(snapshot.version())) {
                return held;
            }
            byte[] plain = json.write(document(snapshot));
            return new Body(snapshot.version(), plain, Compression.gzip(plain, Deflater.BEST_COMPRESSION));
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
        return EvaluationRoutes.environment(request.queryParameter("environment"), access, "environment");
    }

    /**
     * The flag set in the shape the OpenAPI document's {@code ConfigSnapshot} gives: what a flag has unless told
     * otherwise is left out (a boolean kind and its true/false variants, a salt equal to the key, bucketing by the
     * targeting key, and a config's defaults, see {@link FlagDocuments#writeConfigForEvaluation}), as are descriptions,
     * which evaluation never reads; the SDK fills them in again. With thousands of flags the defaults would be most of
     * the bytes.
     */
    private static Map<String, Object> document(GetConfigSnapshot.Snapshot snapshot) {
        List<Map<String, Object>> flags = new ArrayList<>(snapshot.flags().size());
        for (GetConfigSnapshot.ConfiguredFlag configured : snapshot.flags()) {
            Flag flag = configured.flag();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("key", flag.key().value());
            if (flag.kind() != FlagKind.BOOLEAN) {
                document.put("kind", flag.kind().wireName());
                document.put("variants", FlagDocuments.writeVariantsForEvaluation(flag.variants()));
            }
            if (!flag.salt().equals(flag.key().value())) {
                document.put("salt", flag.salt());
            }
            if (!flag.bucketBy().equals(Flag.TARGETING_KEY)) {
                document.put("bucket_by", flag.bucketBy());
            }
            document.put("config", FlagDocuments.writeConfigForEvaluation(configured.config()));
            configured.experiment().ifPresent(run -> {
                Map<String, Object> experiment = new LinkedHashMap<>();
                experiment.put("key", run.experiment().value());
                experiment.put("phase", run.phase());
                document.put("experiment", experiment);
            });
            flags.add(document);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environment", snapshot.environment().value());
        body.put("version", snapshot.version());
        body.put("flags", flags);
        return body;
    }
}
