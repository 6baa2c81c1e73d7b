package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /sdk/stream as the API opens it, without a transport: who may open it, what it says first, and the event that
 * follows each change. Over real HTTP it is SdkStreamIT's subject.
 */
class SdkStreamApiTest {

    private static final String STAGING = "/sdk/stream?environment=staging";

    private final TestApi api = new TestApi();
    /** The streams {@link #started} opened, in order. */
    private final List<EventStream> startedStreams = new ArrayList<>();

    @Test
    void the_first_event_says_where_the_flag_set_stands_in_ofreps_format_with_the_snapshots_etag() {
        api.createBooleanFlag("dark-mode");
        TestApi.Reply snapshot = api.callAnonymously("GET", "/sdk/flags?environment=staging", null);

        EventStream stream = opened(api.openStream(STAGING, TestApi.NO_CREDENTIALS));
        Sink sink = new Sink();
        stream.start(sink);

        assertThat(stream.headers()).containsEntry("Cache-Control", "no-cache");
        assertThat(stream.retry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(sink.events).hasSize(1);
        ServerSentEvent first = sink.events.getFirst();
        assertThat(first.id()).isEqualTo(snapshot.text("version"));
        assertThat(first.name()).isEqualTo("message");
        JsonNode data = json(first.data());
        assertThat(OfrepSchema.violations("sseEventData", data)).isEmpty();
        assertThat(data.path("type").asText()).isEqualTo("refetchEvaluation");
        assertThat(data.path("etag").asText()).isEqualTo(snapshot.header("ETag"));
    }

    @Test
    void a_client_whose_last_event_id_is_the_current_version_gets_no_first_event_and_one_that_is_behind_gets_it() {
        api.createBooleanFlag("dark-mode");
        String version = api.callAnonymously("GET", "/sdk/flags?environment=staging", null)
                .text("version");

        Sink current = started(STAGING, anonymousWith("Last-Event-ID", version));
        Sink behind = started(STAGING, anonymousWith("Last-Event-ID", "an-older-version"));

        assertThat(current.events).isEmpty();
        assertThat(behind.events).extracting(ServerSentEvent::id).containsExactly(version);
    }

    @Test
    void each_change_is_one_event_with_the_new_version_and_a_change_to_another_environment_is_none() {
        api.createBooleanFlag("dark-mode");
        Sink sink = started(STAGING, TestApi.NO_CREDENTIALS);

        api.toggle("dark-mode", "staging", true);
        api.toggle("dark-mode", "production", true);
        api.call("PATCH", "/environments/staging", "{\"name\":\"Staging, renamed\"}");

        String now = api.callAnonymously("GET", "/sdk/flags?environment=staging", null)
                .text("version");
        assertThat(sink.events)
                .extracting(ServerSentEvent::id)
                .hasSize(2)
                .last()
                .isEqualTo(now);
    }

    @Test
    void the_streams_of_one_environment_are_handed_one_event_per_change_built_once_for_all_of_them() {
        api.createBooleanFlag("dark-mode");
        Sink first = started(STAGING, TestApi.NO_CREDENTIALS);
        Sink second = started(STAGING, TestApi.NO_CREDENTIALS);

        api.toggle("dark-mode", "staging", true);

        assertThat(first.events).hasSize(2);
        assertThat(second.events).hasSize(2);
        assertThat(second.events.getLast()).isSameAs(first.events.getLast());
    }

    @Test
    void news_that_comes_before_the_transport_starts_the_stream_is_kept_for_it() {
        api.createBooleanFlag("dark-mode");
        EventStream stream = opened(api.openStream(STAGING, TestApi.NO_CREDENTIALS));

        api.toggle("dark-mode", "staging", true);
        Sink sink = new Sink();
        stream.start(sink);

        String now = api.callAnonymously("GET", "/sdk/flags?environment=staging", null)
                .text("version");
        assertThat(sink.events).extracting(ServerSentEvent::id).containsExactly(now);
    }

    @Test
    void the_stream_ends_when_its_environment_is_deleted_and_a_closed_one_stops_watching() {
        Sink staging = started(STAGING, TestApi.NO_CREDENTIALS);
        EventStream development = opened(api.openStream("/sdk/stream?environment=development", TestApi.NO_CREDENTIALS));
        development.start(new Sink());
        assertThat(api.watches.open()).isEqualTo(2);

        api.call("DELETE", "/environments/staging");
        development.close();
        development.close();

        assertThat(staging.ended).isTrue();
        assertThat(api.watches.open()).isZero();
    }

    @Test
    void
            a_stream_ends_at_its_next_access_check_once_its_key_is_revoked_or_its_token_signed_out_and_goes_on_while_they_work() {
        TestApi.Reply revokedKey =
                api.call("POST", "/keys", "{\"name\":\"old\",\"kind\":\"sdk\",\"environment\":\"production\"}");
        String token = "Bearer " + signedIn("alice@example.com");
        Sink inQuery = started("/sdk/stream?key=" + revokedKey.text("key"), TestApi.NO_CREDENTIALS);
        Sink signedIn = started("/sdk/stream?environment=production", Map.of("Authorization", token));
        Sink working = started("/sdk/stream", Map.of("X-SDK-Key", sdkKey("production")));
        startedStreams.forEach(EventStream::checkAccess);
        assertThat(api.watches.open()).as("all three still work").isEqualTo(3);

        api.call("DELETE", "/keys/" + revokedKey.text("id"));
        api.call("POST", "/auth/logout", null, token);
        startedStreams.forEach(EventStream::checkAccess);

        assertThat(inQuery.ended).isTrue();
        assertThat(signedIn.ended).isTrue();
        assertThat(working.ended).isFalse();
        assertThat(api.watches.open()).isEqualTo(1);
    }

    @Test
    void a_client_key_follows_a_stream_whose_events_name_the_version_and_never_a_rule() {
        api.createBooleanFlag("dark-mode");
        String clientKey = api.call(
                        "POST", "/keys", "{\"name\":\"browser\",\"kind\":\"client\",\"environment\":\"production\"}")
                .text("key");
        Sink sink = started("/sdk/stream?key=" + clientKey, TestApi.NO_CREDENTIALS);

        api.toggle("dark-mode", "production", true);

        assertThat(sink.events).hasSize(2);
        for (ServerSentEvent event : sink.events) {
            assertThat(field_names(json(event.data()))).containsExactly("type", "etag");
        }
    }

    @Test
    void a_protected_environment_needs_credentials_before_anything_is_streamed() {
        String productionKey = sdkKey("production");

        assertThat(refused(api.openStream("/sdk/stream?environment=production", TestApi.NO_CREDENTIALS)))
                .isEqualTo(401);
        assertThat(refused(api.openStream(STAGING, Map.of("X-API-Key", productionKey))))
                .isEqualTo(403);
        assertThat(refused(api.openStream("/sdk/stream?environment=moon", Map.of())))
                .isEqualTo(404);
        assertThat(refused(api.openStream("/sdk/stream", TestApi.NO_CREDENTIALS)))
                .isEqualTo(400);
        assertThat(api.watches.open()).isZero();

        opened(api.openStream("/sdk/stream", Map.of("X-API-Key", productionKey)));
        opened(api.openStream(
                "/sdk/stream?environment=production", Map.of("Authorization", "Bearer " + productionKey)));
        opened(api.openStream("/sdk/stream?environment=production", Map.of()));
        assertThat(api.watches.open()).isEqualTo(3);
    }

    @Test
    void an_sdk_key_may_come_in_the_query_string_for_eventsource_and_no_other_key_may() {
        String productionKey = sdkKey("production");
        String apiKey = api.call("POST", "/keys", "{\"name\":\"server\",\"kind\":\"api\",\"role\":\"viewer\"}")
                .text("key");

        opened(api.openStream("/sdk/stream?key=" + productionKey, TestApi.NO_CREDENTIALS));
        assertThat(refused(api.openStream("/sdk/stream?environment=production&key=" + apiKey, TestApi.NO_CREDENTIALS)))
                .isEqualTo(401);
        assertThat(refused(api.openStream(
                        "/sdk/stream?environment=production&key=bnt_sdk_0123456789012345678901234567890123456789",
                        TestApi.NO_CREDENTIALS)))
                .isEqualTo(401);
        assertThat(refused(
                        api.openStream("/sdk/stream?environment=staging&key=" + productionKey, TestApi.NO_CREDENTIALS)))
                .isEqualTo(403);
    }

    @Test
    void only_get_on_the_stream_path_asks_for_a_stream_and_a_transport_that_answers_once_says_501() {
        assertThat(api.api.match("GET", "/sdk/stream").opensStream()).isTrue();
        assertThat(api.api.match("get", "/sdk/stream").opensStream()).isTrue();
        assertThat(api.api.match("POST", "/sdk/stream").opensStream()).isFalse();
        assertThat(api.api.match("GET", "/sdk/flags").opensStream()).isFalse();
        assertThat(api.api.match("HEAD", "/sdk/stream").opensStream()).isFalse();

        TestApi.Reply once = api.callAnonymously("GET", STAGING, null).isProblem(501);

        assertThat(once.problemType()).isEqualTo("streaming-unavailable");
        assertThat(api.watches.open()).isZero();
    }

    @Test
    void a_request_for_no_stream_is_answered_as_any_request_when_a_transport_asks_to_open_one() {
        assertThat(refused(api.openStream("/sdk/streams", TestApi.NO_CREDENTIALS)))
                .isEqualTo(404);
        assertThat(api.watches.open()).isZero();
    }

    @Test
    void opening_a_stream_is_logged_like_any_request() {
        opened(api.openStream(STAGING, TestApi.NO_CREDENTIALS));
        api.openStream("/sdk/stream?environment=production", TestApi.NO_CREDENTIALS);

        assertThat(api.log).extracting(RequestLog.Entry::route).containsExactly("/sdk/stream", "/sdk/stream");
        assertThat(api.log).extracting(RequestLog.Entry::status).containsExactly(200, 401);
    }

    private String sdkKey(String environment) {
        return api.call("POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"" + environment + "\"}")
                .text("key");
    }

    private Sink started(String pathAndQuery, Map<String, String> headers) {
        Sink sink = new Sink();
        EventStream stream = opened(api.openStream(pathAndQuery, headers));
        stream.start(sink);
        startedStreams.add(stream);
        return sink;
    }

    private String signedIn(String email) {
        String password = "wobbly lanterns ferry sixty owls";
        api.callAnonymously(
                "POST", "/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        return api.callAnonymously(
                        "POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .text("access_token");
    }

    private static List<String> field_names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> anonymousWith(String name, String value) {
        Map<String, String> headers = new HashMap<>(TestApi.NO_CREDENTIALS);
        headers.put(name, value);
        return headers;
    }

    private static EventStream opened(StreamOpening opening) {
        if (opening instanceof StreamOpening.Refused refused) {
            throw new AssertionError(
                    "refused: " + new String(refused.response().body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return ((StreamOpening.Opened) opening).stream();
    }

    /** The refusal's status, after checking that it is problem+json. */
    private static int refused(StreamOpening opening) {
        assertThat(opening).isInstanceOf(StreamOpening.Refused.class);
        ApiResponse response = ((StreamOpening.Refused) opening).response();
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        return response.status();
    }

    private static JsonNode json(String text) {
        try {
            return TestApi.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a transport would have written. */
    private static final class Sink implements EventSink {
        private final List<ServerSentEvent> events = new ArrayList<>();
        private boolean ended;

        @Override
        public void send(ServerSentEvent event) {
            events.add(event);
        }

        @Override
        public void end() {
            ended = true;
        }
    }
}
