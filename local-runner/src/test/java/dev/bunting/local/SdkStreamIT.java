package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /sdk/stream over real HTTP, read line by line as an SDK reads it: the first event, an event per change, the
 * heartbeats, resuming with Last-Event-ID, refusals before anything is streamed, and what is left on the server once a
 * client hangs up or the server stops. Heartbeats come every 200 ms here, rather than every 15 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkStreamIT {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    /** How long an expected event or end may take on a loaded machine: a bound, not a target. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String STAGING = "/sdk/stream?environment=staging";

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(HEARTBEAT);
        server.asAdmin("POST", "/flags", "{\"key\":\"checkout\"}");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void a_stream_opens_with_a_retry_hint_and_an_event_saying_where_the_flag_set_stands() {
        TestServer.Reply snapshot =
                server.send("GET", "/sdk/flags?environment=staging", null, null).isSuccess();

        try (EventStreamClient stream = server.stream(STAGING, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.headers().firstValue("Cache-Control")).hasValue("no-cache");
            EventStreamClient.Event first = stream.nextEvent(PATIENCE);

            assertThat(stream.retryMillis()).isEqualTo(3000);
            assertThat(first.id()).isEqualTo(snapshot.text("version"));
            assertThat(first.name()).isEqualTo("message");
            JsonNode data = TestServer.json(first.data());
            assertThat(data.path("type").asText()).isEqualTo("refetchEvaluation");
            assertThat(data.path("etag").asText())
                    .isEqualTo(snapshot.headers().firstValue("ETag").orElseThrow());
        }
    }

    @Test
    void each_change_made_through_the_api_is_an_event_within_a_second_whose_etag_the_snapshot_then_has() {
        List<Long> latencies = new ArrayList<>();
        try (EventStreamClient stream = server.stream(STAGING, Map.of())) {
            stream.nextEvent(PATIENCE);
            for (int i = 0; i < 20; i++) {
                long sent = System.nanoTime();
                server.asAdmin("PATCH", "/flags/checkout/environments/staging/toggle", null);
                EventStreamClient.Event event = stream.nextEvent(PATIENCE);
                assertThat(event).as("the event for change %d", i).isNotNull();
                latencies.add((event.arrivedAt() - sent) / 1_000);

                String etag = TestServer.json(event.data()).path("etag").asText();
                TestServer.Reply current = server.send("GET", "/sdk/flags?environment=staging", null, null);
                assertThat(current.headers().firstValue("ETag")).hasValue(etag);
                assertThat(current.text("version")).isEqualTo(event.id());
            }
        }
        latencies.sort(null);
        System.out.printf(
                "SdkStreamIT: change (PATCH sent) to event received, 20 changes: median %.1f ms, max %.1f ms%n",
                latencies.get(latencies.size() / 2) / 1000.0, latencies.getLast() / 1000.0);
        assertThat(latencies.getLast())
                .as("slowest change-to-event, in microseconds")
                .isLessThan(1_000_000);
    }

    @Test
    void an_ofrep_bulk_answer_points_at_this_stream_relative_to_the_server_and_following_it_gets_its_events() {
        TestServer.Reply bulk = server.send(
                        "POST",
                        "/ofrep/v1/evaluate/flags?environment=staging",
                        "{\"context\":{\"targetingKey\":\"alice\"}}",
                        null)
                .isSuccess();
        JsonNode endpoint = bulk.json().path("eventStreams").path(0).path("endpoint");
        assertThat(endpoint.has("origin"))
                .as("the provider's own origin applies")
                .isFalse();

        try (EventStreamClient stream =
                server.stream(endpoint.path("requestUri").asText(), Map.of())) {
            assertThat(stream.nextEvent(PATIENCE).id())
                    .isEqualTo(bulk.json().path("metadata").path("version").asText());
        }
    }

    @Test
    void an_idle_stream_gets_heartbeats() {
        try (EventStreamClient stream = server.stream(STAGING, Map.of())) {
            stream.nextEvent(PATIENCE);

            await_or_fail(() -> stream.comments() >= 3, "three heartbeats");

            assertThat(stream.nextEvent(Duration.ZERO))
                    .as("heartbeats are not events")
                    .isNull();
        }
    }

    @Test
    void a_client_resuming_at_the_current_version_gets_no_first_event_and_one_behind_gets_it() {
        String version = server.send("GET", "/sdk/flags?environment=staging", null, null)
                .isSuccess()
                .text("version");

        try (EventStreamClient current = server.stream(STAGING, Map.of("Last-Event-ID", version));
                EventStreamClient behind = server.stream(STAGING, Map.of("Last-Event-ID", "a-version-long-gone"))) {
            assertThat(behind.nextEvent(PATIENCE).id()).isEqualTo(version);
            assertThat(current.nextEvent(HEARTBEAT.multipliedBy(4))).isNull();
            assertThat(current.comments()).as("the stream is open all the same").isPositive();
        }
    }

    @Test
    void a_protected_environment_refuses_a_stream_without_a_key_before_streaming_anything_and_serves_one_with_it() {
        String productionKey = server.asAdmin(
                        "POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");

        try (EventStreamClient anonymous = server.stream("/sdk/stream?environment=production", Map.of());
                EventStreamClient inHeader = server.stream("/sdk/stream", Map.of("X-API-Key", productionKey));
                EventStreamClient inQuery = server.stream("/sdk/stream?key=" + productionKey, Map.of());
                EventStreamClient elsewhere = server.stream(
                        "/sdk/stream?environment=staging", Map.of("Authorization", "Bearer " + productionKey))) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(TestServer.json(anonymous.refusal()).path("status").asInt())
                    .isEqualTo(401);
            assertThat(elsewhere.status()).isEqualTo(403);
            assertThat(inHeader.status()).isEqualTo(200);
            assertThat(inHeader.nextEvent(PATIENCE)).isNotNull();
            assertThat(inQuery.status()).isEqualTo(200);
            assertThat(inQuery.nextEvent(PATIENCE)).isNotNull();
        }
    }

    @Test
    void a_client_that_hangs_up_leaves_nothing_open_on_the_server() {
        await_or_fail(() -> server.openStreams() == 0, "streams of earlier tests to be gone");
        EventStreamClient first = server.stream(STAGING, Map.of());
        EventStreamClient second = server.stream(STAGING, Map.of());
        first.nextEvent(PATIENCE);
        second.nextEvent(PATIENCE);
        assertThat(server.openStreams()).isEqualTo(2);

        long hungUp = System.nanoTime();
        first.close();
        second.close();

        await_or_fail(() -> server.openStreams() == 0, "the server to notice that both clients hung up");
        System.out.printf(
                "SdkStreamIT: both hung-up streams closed on the server after %d ms (heartbeat every %d ms)%n",
                (System.nanoTime() - hungUp) / 1_000_000, HEARTBEAT.toMillis());
    }

    @Test
    void deleting_an_environment_ends_its_streams() {
        server.asAdmin("POST", "/environments", "{\"key\":\"doomed\",\"public_evaluation\":true}");
        try (EventStreamClient stream = server.stream("/sdk/stream?environment=doomed", Map.of())) {
            assertThat(stream.nextEvent(PATIENCE)).isNotNull();

            server.asAdmin("DELETE", "/environments/doomed", null);

            assertThat(stream.endsWithin(PATIENCE)).isTrue();
        }
    }

    @Test
    void stopping_the_server_ends_its_streams_without_waiting_out_the_grace_period() {
        TestServer stopping = TestServer.start(HEARTBEAT);
        EventStreamClient stream = stopping.stream(STAGING, Map.of());
        assertThat(stream.nextEvent(PATIENCE)).isNotNull();

        long started = System.nanoTime();
        stopping.close();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(stream.endsWithin(PATIENCE)).isTrue();
        assertThat(tookMillis)
                .as("milliseconds to stop, against a grace period of 5000")
                .isLessThan(4_000);
    }

    private static void await_or_fail(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
