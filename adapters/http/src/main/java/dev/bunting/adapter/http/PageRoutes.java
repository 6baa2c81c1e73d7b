package dev.bunting.adapter.http;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Swagger UI and the files the browser's pages load, when the runtime has {@link BrowserPages}; the dashboard itself is
 * {@code /} for a browser ({@link HealthRoutes}). Public and answered from memory: nothing here is secret, and the
 * data the pages show comes from the API, with the signed-in user's token.
 */
final class PageRoutes implements RouteGroup {

    private final Optional<BrowserPages> pages;
    private final Responses responses;

    @Inject
    PageRoutes(Optional<BrowserPages> pages, Responses responses) {
        this.pages = pages;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/docs", Access.PUBLIC, this::page).fromMemory(),
                Route.of("GET", "/ui/{version}/{file}", Access.PUBLIC, this::page)
                        .fromMemory());
    }

    private ApiResponse page(Route.Call call) {
        String path = call.request().path();
        return pages.flatMap(served -> served.serve(path))
                .orElseGet(() -> responses.problem(
                        Problem.of(ProblemType.NOT_FOUND, "no page or file is served at " + Problem.echo(path)), path));
    }
}
