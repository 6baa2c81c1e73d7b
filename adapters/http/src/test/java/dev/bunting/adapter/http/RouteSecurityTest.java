package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route the router serves needs a signed-in principal unless it is listed here as open, so a new route cannot
 * slip through unauthenticated: it fails this test until it is either protected or deliberately opened.
 */
class RouteSecurityTest {

    static final Set<String> OPEN = Set.of(
            "GET /",
            "GET /health",
            "GET /openapi.json",
            "GET /docs",
            "GET /ui/{version}/{file}",
            "GET /evaluate/{key}",
            "POST /evaluate/{key}",
            "POST /evaluate",
            "POST /ofrep/v1/evaluate/flags/{key}",
            "POST /ofrep/v1/evaluate/flags",
            "GET /sdk/flags",
            "GET /sdk/stream",
            "POST /events",
            "POST /auth/register",
            "POST /auth/login");
    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";

    private final TestApi api = new TestApi();

    static List<String> routes() {
        return new TestApi().api.routeSignatures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void a_route_without_credentials_is_a_401_unless_it_is_open(String signature) {
        String method = signature.substring(0, signature.indexOf(' '));
        String path = signature
                .substring(signature.indexOf(' ') + 1)
                .replace("{key}", "checkout")
                .replace("{env}", "staging")
                .replace("{variant}", "true")
                .replace("{unit}", "alice")
                .replace("{id}", "someone");
        String body = Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null;

        TestApi.Reply reply = api.callAnonymously(method, path, body);

        if (OPEN.contains(signature)) {
            assertThat(reply.status()).as(signature).isNotEqualTo(401);
        } else {
            reply.isProblem(401);
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void a_viewer_may_read_but_every_change_is_a_403_that_changes_nothing() {
        api.call("POST", "/flags", "{\"key\":\"checkout\"}");
        String viewer = signedUpViewer();
        var before = api.snapshot();

        assertThat(api.call("GET", "/flags/checkout", null, viewer).status()).isEqualTo(200);
        assertThat(api.call("GET", "/audit", null, viewer).status()).isEqualTo(200);
        assertThat(api.call("GET", "/audit/flag/checkout", null, viewer).status())
                .isEqualTo(200);
        assertThat(api.call("GET", "/flags/checkout/audit", null, viewer).status())
                .isEqualTo(200);
        api.call("POST", "/flags", "{\"key\":\"other\"}", viewer).isProblem(403);
        api.call("PUT", "/flags/checkout", "{\"name\":\"x\",\"version\":1}", viewer)
                .isProblem(403);
        api.call("DELETE", "/flags/checkout", null, viewer).isProblem(403);
        api.call("PATCH", "/flags/checkout/environments/staging/toggle", null, viewer)
                .isProblem(403);
        api.call("PATCH", "/flags/checkout/environments/production/rollout", "{\"percentage\":50}", viewer)
                .isProblem(403);
        api.call("POST", "/environments", "{\"key\":\"qa\"}", viewer).isProblem(403);
        api.call("DELETE", "/environments/staging", null, viewer).isProblem(403);

        assertThat(api.snapshot()).isEqualTo(before);
    }

    private String signedUpViewer() {
        api.callAnonymously(
                "POST", "/auth/register", "{\"email\":\"viewer@example.com\",\"password\":\"" + PASSWORD + "\"}");
        return "Bearer "
                + api.callAnonymously(
                                "POST",
                                "/auth/login",
                                "{\"email\":\"viewer@example.com\",\"password\":\"" + PASSWORD + "\"}")
                        .text("access_token");
    }
}
