package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every runtime's answers carry whatever the route, since the API gives it rather than a transport: HEAD on every
 * GET route, OPTIONS and CORS on every route, nosniff and no-store on every answer, and only a short escaped echo of
 * the path in a problem.
 */
class EdgeApiTest {

    private static final String ORIGIN = "https://app.example.com";

    private final TestApi api = new TestApi(new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, true, Set.of(ORIGIN)));

    EdgeApiTest() {
        api.createBooleanFlag("checkout");
    }

    @TestFactory
    Stream<DynamicTest> head_answers_every_get_route_as_get_does_without_the_body() {
        return routes().filter(route -> route.startsWith("GET "))
                .map(route -> DynamicTest.dynamicTest(route, () -> {
                    String path = concrete(route.substring(4)) + query(route);
                    TestApi.Reply head = api.call("HEAD", path);
                    assertThat(head.body()).isEmpty();
                    if (!route.equals("GET /sdk/stream")) {
                        TestApi.Reply get = api.call("GET", path);
                        assertThat(head.status()).isEqualTo(get.status());
                        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().length));
                        assertThat(head.contentType()).isEqualTo(get.contentType());
                    } else {
                        assertThat(head.status()).isEqualTo(200);
                        assertThat(head.contentType()).startsWith("text/event-stream");
                        assertThat(api.watches.open())
                                .as("HEAD opened a stream only to close it")
                                .isZero();
                    }
                }));
    }

    /** The query each route reads, so that GET answers it as it would a client, not with a 400 for a stray parameter. */
    private static String query(String route) {
        if (route.startsWith("GET /evaluate")) {
            return "?environment_key=staging&user_id=alice";
        }
        return route.startsWith("GET /sdk/") ? "?environment=staging" : "";
    }

    @Test
    void head_where_only_other_methods_are_served_is_a_405_and_elsewhere_a_404() {
        assertThat(api.call("HEAD", "/evaluate").status()).isEqualTo(405);
        assertThat(api.call("HEAD", "/no/such/route").status()).isEqualTo(404);
    }

    @TestFactory
    Stream<DynamicTest> every_route_answers_a_preflight_from_an_allowed_origin_and_only_from_it() {
        return routes().map(route -> DynamicTest.dynamicTest(route, () -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(method.length() + 1));
            TestApi.Reply allowed = api.callAnonymously(
                    "OPTIONS", path, null, Map.of("Origin", ORIGIN, "Access-Control-Request-Method", method));
            TestApi.Reply other = api.callAnonymously(
                    "OPTIONS",
                    path,
                    null,
                    Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", method));

            assertThat(allowed.status()).isEqualTo(204);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(allowed.header("Access-Control-Allow-Methods").split(", "))
                    .contains(method, "OPTIONS");
            assertThat(allowed.header("Access-Control-Allow-Headers").split(", "))
                    .contains(
                            "Authorization",
                            "Content-Type",
                            "X-API-Key",
                            "X-SDK-Key",
                            "If-Match",
                            "If-None-Match",
                            "Last-Event-ID");
            assertThat(allowed.header("Vary")).isEqualTo("Origin");
            assertThat(other.status()).isEqualTo(204);
            assertThat(other.header("Allow").split(", ")).contains(method);
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
            assertThat(other.header("Access-Control-Allow-Methods")).isNull();
        }));
    }

    @Test
    void an_allowed_origin_may_read_the_answer_and_its_etag_and_no_other_origin_may() {
        TestApi.Reply allowed = api.call("GET", "/flags/checkout", null, Map.of("Origin", ORIGIN));
        TestApi.Reply other = api.call("GET", "/flags/checkout", null, Map.of("Origin", "https://evil.example"));

        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Access-Control-Expose-Headers").split(", "))
                .contains("ETag", "Location", "Retry-After", Responses.CONFIG_STALE);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        assertThat(other.header("Vary")).isEqualTo("Origin");
    }

    @Test
    void an_allowed_origin_may_read_an_event_stream() {
        StreamOpening opening = api.openStream("/sdk/stream?environment=staging", Map.of("Origin", ORIGIN));

        assertThat(opening).isInstanceOfSatisfying(StreamOpening.Opened.class, opened -> {
            assertThat(opened.headers())
                    .containsEntry("Access-Control-Allow-Origin", ORIGIN)
                    .containsEntry("X-Content-Type-Options", "nosniff");
            opened.stream().close();
        });
    }

    @Test
    void with_no_origin_configured_nothing_is_allowed_and_nothing_varies() {
        TestApi lambdaLike = new TestApi(new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, false));
        TestApi.Reply preflight = lambdaLike.callAnonymously(
                "OPTIONS", "/flags", null, Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET"));
        TestApi.Reply get = lambdaLike.call("GET", "/flags", null, Map.of("Origin", ORIGIN));

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(get.header("Access-Control-Allow-Origin")).isNull();
        assertThat(get.header("Vary")).isNull();
    }

    @Test
    void every_kind_of_answer_says_nosniff_and_no_store() {
        List<TestApi.Reply> replies = List.of(
                api.callAnonymously(
                        "POST",
                        "/auth/login",
                        "{\"email\":\"" + TestApi.ADMIN_EMAIL + "\",\"password\":\"" + TestApi.ADMIN_PASSWORD + "\"}"),
                api.call("POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"staging\"}"),
                api.call("GET", "/auth/me"),
                api.callAnonymously("GET", "/evaluate/checkout?environment_key=staging&user_id=alice", null),
                api.callAnonymously("GET", "/flags", null),
                api.call("GET", "/no/such/route"),
                api.call("OPTIONS", "/flags"),
                api.call("HEAD", "/flags"));
        for (TestApi.Reply reply : replies) {
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Specification(
            spec = Spec.RFC_9457,
            clause = "3.1.4",
            text =
                    "The \"detail\" string, if present, ought to focus on helping the client correct the problem, rather than giving debugging information.")
    @Test
    void a_problem_echoes_only_a_short_escaped_prefix_of_the_path() {
        String hostile = "/%3Cscript%3E<img src=x onerror=alert(1)>\u0000\u00e9" + "a".repeat(10_000);

        TestApi.Reply reply = api.call("GET", hostile).isProblem(404);

        assertThat(reply.text("instance"))
                .hasSizeLessThanOrEqualTo(Problem.ECHO_LIMIT * 3 + 3)
                .endsWith("...")
                .startsWith("/%3Cscript%3E%3Cimg%20src=x%20onerror=alert(1)%3E%00%C3%A9aaa")
                .doesNotContain("<", ">", "\u0000");
        assertThat(reply.text("detail"))
                .hasSizeLessThan(Problem.ECHO_LIMIT * 3 + 30)
                .doesNotContain("<");
    }

    private Stream<String> routes() {
        return api.api.routeSignatures().stream();
    }

    /** A path of this template's shape, naming the flag and environment that exist. */
    private static String concrete(String template) {
        return template.replace("/environments/{key}", "/environments/staging")
                .replace("{env}", "staging")
                .replace("{key}", "checkout")
                .replace("{variant}", "true")
                .replace("{unit}", "alice")
                .replaceAll("\\{[a-z_]+}", "unknown");
    }
}
