package dev.bunting.adapter.http;

import dev.bunting.domain.environment.EnvironmentKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * The event that tells an environment's streams it has moved to a version, in OFREP's format: its id is the version
 * and its data {@code {"type":"refetchEvaluation","etag":...}}, the etag being the one {@code GET /sdk/flags} answers
 * with at that version. A change reaches every stream of its environment at once, so the event is built once per
 * version and the same one handed to all of them; only each environment's latest is kept, for as many environments
 * as the config cache holds.
 */
final class RefetchEvents {

    private final Json json;
    private final ConcurrentMap<EnvironmentKey, ServerSentEvent> latest;

    RefetchEvents(Json json, int environments) {
        this.json = json;
        this.latest = PerEnvironment.holding(environments);
    }

    ServerSentEvent at(EnvironmentKey environment, String version) {
        ServerSentEvent known = latest.get(environment);
        if (known != null && known.id().equals(version)) {
            return known;
        }
        ServerSentEvent event = build(environment, version);
        latest.put(environment, event);
        return event;
    }

    private ServerSentEvent build(EnvironmentKey environment, String version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "refetchEvaluation");
        data.put("etag", SdkRoutes.etag(environment, version));
        return new ServerSentEvent(version, "message", new String(json.write(data), StandardCharsets.UTF_8));
    }
}
