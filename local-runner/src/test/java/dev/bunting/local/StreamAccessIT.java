package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.identity.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /sdk/stream over real HTTP, for as long as its access lasts: a stream ends once its key is revoked, its token
 * signed out or retired by a password change, within the key cache's time (1 s here, rather than 10 s), while streams
 * whose credentials still work go on; and a client that hangs up frees the server's side at once, not at the next
 * heartbeat (a minute away here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamAccessIT {

    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(60);
    /** The key cache's time, a check's interval at most on top (the key is revoked on this instance), and slack for a loaded machine. */
    private static final Duration ENDS_WITHIN = KEY_CACHE_TTL.multipliedBy(2).plusSeconds(2);

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(HEARTBEAT, KEY_CACHE_TTL);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void
            a_stream_ends_once_its_key_is_revoked_whether_the_key_came_in_a_header_or_the_query_and_other_keys_streams_go_on() {
        TestServer.Reply revoked = sdkKey("revoked");
        String kept = sdkKey("kept").text("key");
        try (EventStreamClient inHeader = server.stream("/sdk/stream", Map.of("X-SDK-Key", revoked.text("key")));
                EventStreamClient inQuery = server.stream("/sdk/stream?key=" + revoked.text("key"), Map.of());
                EventStreamClient other = server.stream("/sdk/stream", Map.of("X-API-Key", kept))) {
            assertThat(inHeader.nextEvent(PATIENCE)).isNotNull();
            assertThat(inQuery.nextEvent(PATIENCE)).isNotNull();
            assertThat(other.nextEvent(PATIENCE)).isNotNull();

            long revokedAt = System.nanoTime();
            server.asAdmin("DELETE", "/keys/" + revoked.text("id"), null);

            assertThat(inHeader.endsWithin(ENDS_WITHIN))
                    .as("the stream with the key in X-SDK-Key ended")
                    .isTrue();
            assertThat(inQuery.endsWithin(ENDS_WITHIN))
                    .as("the stream with the key in ?key= ended")
                    .isTrue();
            System.out.printf(
                    "StreamAccessIT: streams of a revoked key ended %d ms after the revocation (key cache %d ms)%n",
                    (System.nanoTime() - revokedAt) / 1_000_000, KEY_CACHE_TTL.toMillis());
            assertThat(other.endsWithin(KEY_CACHE_TTL.multipliedBy(2)))
                    .as("another key's stream")
                    .isFalse();
        }
    }

    @Test
    void a_stream_ends_once_its_token_is_signed_out_or_retired_by_a_password_change() {
        TestServer.Account signingOut = server.account("leaving@example.com", Role.VIEWER);
        TestServer.Account changing = server.account("changing@example.com", Role.VIEWER);
        try (EventStreamClient signedOut =
                        server.stream("/sdk/stream?environment=production", bearer(signingOut.token()));
                EventStreamClient retired =
                        server.stream("/sdk/stream?environment=production", bearer(changing.token()))) {
            assertThat(signedOut.nextEvent(PATIENCE)).isNotNull();
            assertThat(retired.nextEvent(PATIENCE)).isNotNull();

            server.send("POST", "/auth/logout", null, signingOut.token()).isSuccess();
            server.send(
                            "PUT",
                            "/auth/me/password",
                            "{\"current_password\":\"" + TestServer.PASSWORD
                                    + "\",\"new_password\":\"another horse battery staple\"}",
                            changing.token())
                    .isSuccess();

            assertThat(signedOut.endsWithin(ENDS_WITHIN))
                    .as("the signed-out token's stream ended")
                    .isTrue();
            assertThat(retired.endsWithin(ENDS_WITHIN))
                    .as("the stream of a token older than the password ended")
                    .isTrue();
        }
    }

    @Test
    void a_client_that_hangs_up_frees_its_stream_on_the_server_at_once_not_at_the_next_heartbeat() {
        await_no_streams();
        EventStreamClient first = server.stream("/sdk/stream?environment=staging", Map.of());
        EventStreamClient second = server.stream("/sdk/stream?environment=staging", Map.of());
        first.nextEvent(PATIENCE);
        second.nextEvent(PATIENCE);
        assertThat(server.openStreams()).isEqualTo(2);

        long hungUp = System.nanoTime();
        first.close();
        second.close();

        await_no_streams();
        long tookMillis = (System.nanoTime() - hungUp) / 1_000_000;
        System.out.printf(
                "StreamAccessIT: both hung-up streams closed on the server after %d ms (heartbeat every %d s)%n",
                tookMillis, HEARTBEAT.toSeconds());
        assertThat(tookMillis)
                .as("milliseconds until the server freed both streams")
                .isLessThan(PATIENCE.toMillis());
    }

    private TestServer.Reply sdkKey(String name) {
        return server.asAdmin(
                "POST", "/keys", "{\"name\":\"" + name + "\",\"kind\":\"sdk\",\"environment\":\"production\"}");
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private void await_no_streams() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (server.openStreams() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds()
                        + " s for the server to hold no stream; it holds " + server.openStreams());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
