package dev.bunting.adapter.http;

import dev.bunting.application.health.CheckHealth;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's front page (the dashboard, for a browser), its health, and the OpenAPI document describing every route. Redis is the only shared config
 * cache, so the cache's sharing is reported as Redis's state.
 */
final class HealthRoutes implements RouteGroup {

    static final String OPENAPI_RESOURCE = "/dev/bunting/adapter/http/openapi.json";
    /** Where a newcomer goes from the front page, in the order a newcomer needs them. */
    static final Map<String, String> LINKS = linksInOrder(
            "openapi", "/openapi.json",
            "health", "/health",
            "sign_in", "/auth/login",
            "flags", "/flags",
            "environments", "/environments",
            "evaluate", "/evaluate/{flag_key}",
            "ofrep", "/ofrep/v1/evaluate/flags");

    private final CheckHealth checkHealth;
    private final Responses responses;
    private final Optional<BrowserPages> pages;
    private final byte[] openApi;

    @Inject
    HealthRoutes(CheckHealth checkHealth, Responses responses, Optional<BrowserPages> pages) {
        this.checkHealth = checkHealth;
        this.responses = responses;
        this.pages = pages;
        this.openApi = loadOpenApi();
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/", Access.PUBLIC, this::index).fromMemory(),
                Route.of("GET", "/health", Access.PUBLIC, this::health),
                Route.of(
                                "GET",
                                "/openapi.json",
                                Access.PUBLIC,
                                call -> new ApiResponse(200, Map.of("Content-Type", Responses.JSON), openApi))
                        .fromMemory());
    }

    /** What the service is and where to go: the dashboard for a browser, where there is one, and JSON otherwise. */
    private ApiResponse index(Route.Call call) {
        if (prefersHtml(call.request().header("Accept").orElse(""))) {
            Optional<ApiResponse> dashboard = pages.flatMap(served -> served.serve("/"));
            if (dashboard.isPresent()) {
                return dashboard.get();
            }
        }
        return responses.json(
                200, Map.of("service", "Bunting", "description", "feature flags and experiments", "links", LINKS));
    }

    /** A browser asks for text/html first; an API client asks for JSON or anything. */
    private static boolean prefersHtml(String accept) {
        return accept.split(",", 2)[0].trim().toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    private static Map<String, String> linksInOrder(String... namesAndPaths) {
        Map<String, String> links = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPaths.length; i += 2) {
            links.put(namesAndPaths[i], namesAndPaths[i + 1]);
        }
        return Collections.unmodifiableMap(links);
    }

    private ApiResponse health(Route.Call call) {
        CheckHealth.Health health = checkHealth.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.healthy() ? "ok" : "unavailable");
        body.put("store", health.storeReachable() ? "up" : "down");
        body.put(
                "redis",
                switch (health.cache()) {
                    case LOCAL -> "not_configured";
                    case SHARED -> "up";
                    case DEGRADED -> "degraded";
                });
        return responses.json(health.healthy() ? 200 : 503, body);
    }

    static byte[] loadOpenApi() {
        try (InputStream in = HealthRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
