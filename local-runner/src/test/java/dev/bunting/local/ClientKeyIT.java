package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client-side key over real HTTP, as a browser would hold it: it evaluates over REST and OFREP and follows the stream
 * of changes, but the flag set with its rules, whose targets name users, is a 403; a server SDK key still gets it. Keys
 * go in X-SDK-Key as well as X-API-Key, and a key names the environment of every evaluation route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientKeyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private TestServer server;
    private String clientKey;
    private String serverKey;

    @BeforeAll
    void start() {
        server = TestServer.start();
        server.asAdmin("POST", "/flags", "{\"key\":\"beta\"}");
        server.asAdmin("POST", "/flags", "{\"key\":\"banner\"}");
        server.asAdmin(
                "POST",
                "/flags/beta/environments/production/targets",
                "{\"variant\":\"true\",\"unit\":\"ceo@example.com\"}");
        server.asAdmin("PATCH", "/flags/beta/environments/production/toggle", "{\"enabled\":true}");
        TestServer.Reply created = server.asAdmin(
                "POST", "/keys", "{\"name\":\"web app\",\"kind\":\"client\",\"environment\":\"production\"}");
        assertThat(created.text("kind")).isEqualTo("client");
        clientKey = created.text("key");
        serverKey = server.asAdmin(
                        "POST", "/keys", "{\"name\":\"backend\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void a_client_key_evaluates_over_rest_and_ofrep_in_its_environment_from_either_header() {
        assertThat(clientKey).startsWith("bnt_client_");
        for (String header : List.of("X-API-Key", "X-SDK-Key")) {
            Map<String, String> key = Map.of(header, clientKey);
            assertThat(send("GET", "/evaluate/beta?user_id=ceo@example.com", null, key)
                            .json()
                            .path("value")
                            .asBoolean())
                    .as(header)
                    .isTrue();
            assertThat(send("POST", "/evaluate/beta", "{\"context\":{\"targeting_key\":\"ceo@example.com\"}}", key)
                            .json()
                            .path("value")
                            .asBoolean())
                    .as(header)
                    .isTrue();
            assertThat(send("POST", "/evaluate", "{\"context\":{\"targeting_key\":\"someone\"}}", key)
                            .json()
                            .path("environment")
                            .asText())
                    .as(header)
                    .isEqualTo("production");
            assertThat(send(
                                    "POST",
                                    "/ofrep/v1/evaluate/flags/beta",
                                    "{\"context\":{\"targetingKey\":\"ceo@example.com\"}}",
                                    key)
                            .json()
                            .path("value")
                            .asBoolean())
                    .as(header)
                    .isTrue();
            assertThat(send("POST", "/ofrep/v1/evaluate/flags", "{\"context\":{\"targetingKey\":\"someone\"}}", key)
                            .status())
                    .as(header)
                    .isEqualTo(200);
        }
    }

    @Test
    void a_client_key_is_refused_the_flag_set_with_its_rules_and_a_server_key_gets_it() {
        TestServer.Reply refused =
                send("GET", "/sdk/flags", null, Map.of("X-API-Key", clientKey)).isProblem(403);
        assertThat(refused.body()).doesNotContain("ceo@example.com");
        send("GET", "/sdk/flags?environment=production", null, Map.of("X-SDK-Key", clientKey))
                .isProblem(403);

        TestServer.Reply snapshot =
                send("GET", "/sdk/flags", null, Map.of("X-SDK-Key", serverKey)).isSuccess();
        assertThat(snapshot.body()).contains("ceo@example.com");
    }

    @Test
    void a_client_key_follows_the_stream_whose_events_carry_a_version_and_never_a_rule() {
        try (EventStreamClient stream = server.stream("/sdk/stream?key=" + clientKey, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            EventStreamClient.Event first = stream.nextEvent(PATIENCE);

            server.asAdmin("PATCH", "/flags/banner/environments/production/toggle", "{\"enabled\":true}");
            EventStreamClient.Event change = stream.nextEvent(PATIENCE);

            for (EventStreamClient.Event event : List.of(first, change)) {
                assertThat(event).isNotNull();
                assertThat(field_names(TestServer.json(event.data()))).containsExactly("type", "etag");
            }
            assertThat(change.id()).isNotEqualTo(first.id());
        }
    }

    private TestServer.Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TestServer.Reply(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> field_names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
