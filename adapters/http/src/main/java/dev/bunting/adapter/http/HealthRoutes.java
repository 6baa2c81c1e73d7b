package dev.bunting.adapter.http;

import dev.bunting.application.health.CheckHealth;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Service health, and the OpenAPI document describing every route. Redis is the only shared config cache, so the
 * cache's sharing is reported as Redis's state.
 */
final class HealthRoutes implements RouteGroup {

    static final String OPENAPI_RESOURCE = "/dev/bunting/adapter/http/openapi.json";

    private final CheckHealth checkHealth;
    private final Responses responses;
    private final byte[] openApi;

    @Inject
    HealthRoutes(CheckHealth checkHealth, Responses responses) {
        this.checkHealth = checkHealth;
        this.responses = responses;
        this.openApi = loadOpenApi();
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.open("GET", "/health", this::health),
                Route.fromMemory("GET", "/openapi.json", call -> new ApiResponse(200, Map.of("Content-Type", Responses.JSON), openApi)));
    }

    private ApiResponse health(Route.Call call) {
        CheckHealth.Health health = checkHealth.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.healthy() ? "ok" : "unavailable");
        body.put("store", health.storeReachable() ? "up" : "down");
        body.put("redis", switch (health.cache()) {
            case LOCAL -> "not_configured";
            case SHARED -> "up";
            case DEGRADED -> "degraded";
        });
        return responses.json(health.healthy() ? 200 : 503, body);
    }

    static byte[] loadOpenApi() {
        try (InputStream in = HealthRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
