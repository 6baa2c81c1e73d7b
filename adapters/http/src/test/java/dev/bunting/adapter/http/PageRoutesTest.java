package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.application.health.CheckHealth;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A browser is served the pages a runtime binds (the dashboard at /, Swagger UI, their files); a program gets JSON. */
class PageRoutesTest {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

    /** Pages that serve "/", "/docs" and one file, each answer naming its path. */
    private static final BrowserPages PAGES = path -> switch (path) {
        case "/", "/docs", "/ui/v1/app.js" ->
            Optional.of(new ApiResponse(
                    200,
                    Map.of("Content-Type", "text/plain", "Cache-Control", "max-age=60"),
                    path.getBytes(StandardCharsets.UTF_8)));
        default -> Optional.empty();
    };

    private final Responses responses = new Responses(new Json());

    @Test
    void a_browser_asking_for_the_front_page_gets_the_dashboard_and_a_program_gets_the_json_index() {
        List<Route> routes = healthRoutes(Optional.of(PAGES));

        ApiResponse browser = get(routes, "/", BROWSER_ACCEPT);
        ApiResponse program = get(routes, "/", "application/json");

        assertThat(new String(browser.body(), StandardCharsets.UTF_8)).isEqualTo("/");
        assertThat(program.headers().get("Content-Type")).startsWith("application/json");
        assertThat(new String(program.body(), StandardCharsets.UTF_8)).contains("\"openapi\":\"/openapi.json\"");
    }

    @Test
    void without_a_dashboard_a_browser_gets_the_json_index_too() {
        ApiResponse browser = get(healthRoutes(Optional.empty()), "/", BROWSER_ACCEPT);

        assertThat(browser.headers().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void swagger_ui_and_the_files_are_the_pages_answers_with_their_own_caching() {
        List<Route> routes = new PageRoutes(Optional.of(PAGES), responses).routes();

        ApiResponse docs = get(routes, "/docs", BROWSER_ACCEPT);
        ApiResponse file = get(routes, "/ui/v1/app.js", "*/*");

        assertThat(new String(docs.body(), StandardCharsets.UTF_8)).isEqualTo("/docs");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers()).containsEntry("Cache-Control", "max-age=60");
    }

    @Test
    void a_file_the_pages_lack_or_a_runtime_without_pages_is_a_404_problem() {
        ApiResponse unknown = get(new PageRoutes(Optional.of(PAGES), responses).routes(), "/ui/v2/app.js", "*/*");
        ApiResponse none = get(new PageRoutes(Optional.empty(), responses).routes(), "/docs", BROWSER_ACCEPT);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().get("Content-Type")).isEqualTo(Responses.PROBLEM_JSON);
        assertThat(none.status()).isEqualTo(404);
    }

    private List<Route> healthRoutes(Optional<BrowserPages> pages) {
        CheckHealth health = new CheckHealth(
                new InMemoryStore(TestApi.NOW),
                new InProcessConfigCache(Clock.systemUTC(), Duration.ofSeconds(60), 64));
        return new HealthRoutes(health, responses, pages).routes();
    }

    private static ApiResponse get(List<Route> routes, String path, String accept) {
        String[] segments = PathPattern.split(path);
        Route route = routes.stream()
                .filter(candidate -> candidate.path().matches(segments))
                .findFirst()
                .orElseThrow();
        ApiRequest request =
                new ApiRequest("GET", path, Map.of(), Map.of("Accept", accept), null, "page-1", "127.0.0.1");
        return ((Route.Answer) route.serving())
                .handler()
                .handle(new Route.Call(request, route.path().match(segments), new Json(), Caller.ANONYMOUS));
    }
}
