package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.domain.identity.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archiving end to end, over real HTTP against a runner on PostgreSQL and Redis: an archived flag answers as an unknown
 * one on every evaluation path, is left out of lists and SDK flag sets, cannot change, and a restore brings back what
 * it served; both are in the audit trail.
 */
class FlagArchiveIT {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static TestServer server;
    private static String sdkKey;
    private static String adminToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        adminToken = server.signIn(TestServer.ADMIN);
        sdkKey = server.asAdmin(
                        "POST", "/keys", "{\"name\":\"archive\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void an_archived_flag_is_not_found_anywhere_until_restored_and_then_serves_as_before() {
        server.asAdmin("POST", "/flags", "{\"key\":\"retired\",\"name\":\"Retired\",\"tags\":[\"old\"]}");
        server.asAdmin("PATCH", "/flags/retired/environments/production/toggle", "{\"enabled\":true}");
        server.asAdmin(
                "POST", "/flags/retired/environments/production/targets", "{\"variant\":\"false\",\"unit\":\"bob\"}");
        JsonNode alice = evaluate("alice").isSuccess().json();
        JsonNode bob = evaluate("bob").isSuccess().json();
        assertThat(alice.path("value").asBoolean()).isTrue();
        assertThat(bob.path("value").asBoolean()).isFalse();
        assertThat(sdkFlagKeys()).contains("retired");

        JsonNode archived =
                server.asAdmin("POST", "/flags/retired/archive", null).json();

        assertThat(archived.path("archived_at").isTextual()).isTrue();
        assertThat(archived.path("version").asInt()).isEqualTo(2);
        assertThat(evaluate("alice").isProblem(404).text("error_code")).isEqualTo("FLAG_NOT_FOUND");
        TestServer.Reply ofrep = server.send(
                "POST", "/ofrep/v1/evaluate/flags/retired", "{\"context\":{\"targetingKey\":\"a\"}}", sdkKey);
        assertThat(ofrep.status()).isEqualTo(404);
        assertThat(ofrep.text("errorCode")).isEqualTo("FLAG_NOT_FOUND");
        assertThat(keys(server.send(
                                "POST", "/ofrep/v1/evaluate/flags", "{\"context\":{\"targetingKey\":\"a\"}}", sdkKey)
                        .isSuccess()
                        .json()
                        .path("flags")))
                .doesNotContain("retired");
        assertThat(sdkFlagKeys()).doesNotContain("retired");
        assertThat(keys(server.asAdmin("GET", "/flags", null).json().path("items")))
                .doesNotContain("retired");
        assertThat(keys(server.asAdmin("GET", "/flags?state=archived&q=retired", null)
                        .json()
                        .path("items")))
                .containsExactly("retired");
        assertThat(keys(server.asAdmin("GET", "/flags?state=all&tag=old", null)
                        .json()
                        .path("items")))
                .containsExactly("retired");

        JsonNode restored = server.asAdmin("POST", "/flags/retired/restore", "{\"version\":2}")
                .json();

        assertThat(restored.path("archived_at").isNull()).isTrue();
        assertThat(evaluate("alice").isSuccess().json()).isEqualTo(alice);
        assertThat(evaluate("bob").isSuccess().json()).isEqualTo(bob);
        assertThat(sdkFlagKeys()).contains("retired");
        JsonNode trail =
                server.asAdmin("GET", "/flags/retired/audit", null).json().path("items");
        assertThat(trail.get(0).path("action").asText()).isEqualTo("flag.restored");
        assertThat(trail.get(1).path("action").asText()).isEqualTo("flag.archived");
        assertThat(trail.get(1).path("diff").toString()).contains("\"path\":\"archived_at\"");
    }

    @Test
    void a_stream_announces_the_archive_and_the_restore_and_the_flag_set_it_points_to_follows() {
        server.asAdmin("POST", "/flags", "{\"key\":\"streamed\",\"name\":\"Streamed\"}");
        try (EventStreamClient stream = server.stream("/sdk/stream?environment=staging", Map.of())) {
            assertThat(stream.nextEvent(PATIENCE)).isNotNull();

            server.asAdmin("POST", "/flags/streamed/archive", null);
            EventStreamClient.Event archived = stream.nextEvent(PATIENCE);

            assertThat(archived).as("an event for the archive").isNotNull();
            TestServer.Reply set = server.send("GET", "/sdk/flags?environment=staging", null, null);
            assertThat(set.text("version")).isEqualTo(archived.id());
            assertThat(keys(set.json().path("flags"))).doesNotContain("streamed");

            server.asAdmin("POST", "/flags/streamed/restore", null);
            EventStreamClient.Event restored = stream.nextEvent(PATIENCE);

            assertThat(restored).as("an event for the restore").isNotNull();
            assertThat(keys(server.send("GET", "/sdk/flags?environment=staging", null, null)
                            .json()
                            .path("flags")))
                    .contains("streamed");
        }
    }

    @Test
    void changes_to_an_archived_flag_are_refused_and_change_nothing() {
        server.asAdmin("POST", "/flags", "{\"key\":\"frozen\",\"name\":\"Frozen\"}");
        server.asAdmin("POST", "/flags/frozen/archive", null);
        String before = server.asAdmin("GET", "/flags/frozen", null).body();

        assertThat(server.send("PUT", "/flags/frozen", "{\"name\":\"Thawed\",\"version\":2}", adminToken)
                        .isProblem(409)
                        .text("detail"))
                .isEqualTo("flag 'frozen' is archived; restore it first");
        server.send("PATCH", "/flags/frozen/environments/staging/toggle", "{\"enabled\":true}", adminToken)
                .isProblem(409);
        server.send("POST", "/flags/frozen/archive", null, adminToken).isProblem(409);
        server.send("POST", "/flags/frozen/restore", "{\"version\":1}", adminToken)
                .isProblem(409);
        server.send("GET", "/flags?state=retired", null, adminToken).isProblem(400);

        assertThat(server.asAdmin("GET", "/flags/frozen", null).body()).isEqualTo(before);
    }

    @Test
    void only_admins_archive_and_a_running_experiment_must_be_stopped_first() {
        server.asAdmin("POST", "/flags", "{\"key\":\"tested\",\"name\":\"Tested\"}");
        TestServer.Account developer = server.account("archivist@example.com", Role.DEVELOPER);
        server.send("POST", "/flags/tested/archive", null, developer.token()).isProblem(403);

        server.asAdmin("PATCH", "/flags/tested/environments/staging/rollout", "{\"percentage\":50}");
        server.asAdmin("POST", "/experiments", """
                {"key":"tested-exp","name":"Tested","flag":"tested","environment":"staging","control":"false",
                 "metrics":[{"key":"conversion","event":"converted","type":"binomial","role":"primary"}]}""");
        server.asAdmin("POST", "/experiments/tested-exp/start", null);

        assertThat(server.send("POST", "/flags/tested/archive", null, adminToken)
                        .isProblem(409)
                        .text("detail"))
                .contains("experiment 'tested-exp' runs on flag 'tested' in 'staging'");
        assertThat(server.asAdmin("GET", "/flags/tested", null)
                        .json()
                        .path("archived_at")
                        .isNull())
                .isTrue();
    }

    private static TestServer.Reply evaluate(String user) {
        return server.send("GET", "/evaluate/retired?environment_key=production&user_id=" + user, null, adminToken);
    }

    private static List<String> sdkFlagKeys() {
        return keys(server.send("GET", "/sdk/flags", null, sdkKey)
                .isSuccess()
                .json()
                .path("flags"));
    }

    private static List<String> keys(JsonNode items) {
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.path("key").asText()));
        return keys;
    }
}
