package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * More environments than the runner keeps in memory (BUNTING_CACHED_ENVIRONMENTS): its caches drop the least used
 * environments' configs, {@code GET /sdk/flags} bodies and bulk parts, and every environment still answers as itself,
 * round after round, over real HTTP.
 */
class ManyEnvironmentsIT {

    private static final int HELD = 2;
    private static final int ENVIRONMENTS = 5;
    private static TestServer server;

    /** Each environment {@code env-N} has the flag on, with only {@code user-N} targeted. */
    @BeforeAll
    static void start() {
        server = TestServer.holding(HELD);
        assertThat(server.asAdmin("POST", "/flags", "{\"key\":\"greeting\"}").status())
                .isEqualTo(201);
        for (int n = 1; n <= ENVIRONMENTS; n++) {
            String environment = "env-" + n;
            assertThat(server.asAdmin(
                                    "POST",
                                    "/environments",
                                    "{\"key\":\"" + environment + "\",\"name\":\"Environment " + n + "\"}")
                            .status())
                    .isEqualTo(201);
            target(environment, "user-" + n);
            assertThat(server.asAdmin(
                                    "PATCH",
                                    "/flags/greeting/environments/" + environment + "/toggle",
                                    "{\"enabled\":true}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void every_environment_answers_as_itself_when_more_are_asked_for_than_the_runner_holds() {
        Map<String, String> etags = new HashMap<>();
        for (int round = 1; round <= 3; round++) {
            for (int n = 1; n <= ENVIRONMENTS; n++) {
                String environment = "env-" + n;
                assertThat(reason(environment, "user-" + n)).isEqualTo("TARGETING_MATCH");
                assertThat(reason(environment, "user-" + (n % ENVIRONMENTS + 1)))
                        .isNotEqualTo("TARGETING_MATCH");

                TestServer.Reply snapshot = server.asAdmin("GET", "/sdk/flags?environment=" + environment, null);
                assertThat(snapshot.status()).isEqualTo(200);
                assertThat(TestServer.json(snapshot.body()).path("environment").asText())
                        .isEqualTo(environment);
                assertThat(snapshot.body()).contains("\"user-" + n + "\"");
                for (int other = 1; other <= ENVIRONMENTS; other++) {
                    if (other != n) {
                        assertThat(snapshot.body()).doesNotContain("\"user-" + other + "\"");
                    }
                }
                String etag = snapshot.headers().firstValue("ETag").orElseThrow();
                assertThat(etags.putIfAbsent(environment, etag))
                        .as("the same version of %s, rebuilt after it was dropped, has the same ETag", environment)
                        .isIn(null, etag);
            }
        }
    }

    @Test
    void a_change_to_an_environment_the_runner_dropped_shows_at_once() {
        for (int n = 1; n <= ENVIRONMENTS; n++) {
            reason("env-" + n, "nobody");
            server.asAdmin("GET", "/sdk/flags?environment=env-" + n, null);
        }

        target("env-1", "latecomer");

        assertThat(reason("env-1", "latecomer")).isEqualTo("TARGETING_MATCH");
        assertThat(server.asAdmin("GET", "/sdk/flags?environment=env-1", null).body())
                .contains("\"latecomer\"");
    }

    private static void target(String environment, String unit) {
        assertThat(server.asAdmin(
                                "POST",
                                "/flags/greeting/environments/" + environment + "/targets",
                                "{\"variant\":\"true\",\"unit\":\"" + unit + "\"}")
                        .status())
                .isEqualTo(200);
    }

    /** The reason of the flag's bulk evaluation for {@code user} in {@code environment}. */
    private static String reason(String environment, String user) {
        TestServer.Reply reply = server.asAdmin(
                "POST",
                "/evaluate",
                "{\"environment\":\"" + environment + "\",\"context\":{\"targetingKey\":\"" + user + "\"}}");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode evaluation = TestServer.json(reply.body()).path("flags").path(0);
        assertThat(evaluation.path("flag_key").asText()).isEqualTo("greeting");
        return evaluation.path("reason").asText();
    }
}
