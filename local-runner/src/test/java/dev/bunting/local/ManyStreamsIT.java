package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Streams many times more than an I/O thread writes in one batch ({@link StreamWrites}), all on one environment, over
 * real HTTP: every one of them hears of each change, whatever batch it falls in, and ends at the newest version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyStreamsIT {

    private static final int STREAMS = 3 * StreamWrites.BATCH;
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String STAGING = "/sdk/stream?environment=staging";

    private TestServer server;

    @BeforeAll
    void start() {
        // every stream comes from this one address, past the standard cap per client
        server = TestServer.start(new HttpEdge(
                Set.of(), 10_000, 2 * STREAMS, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)));
        server.asAdmin("POST", "/flags", "{\"key\":\"crowded\"}");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void every_stream_of_an_environment_hears_of_each_change_when_they_are_many_batches_of_writes() {
        List<EventStreamClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                streams.add(server.stream(STAGING, Map.of()));
            }
            for (EventStreamClient stream : streams) {
                assertThat(stream.nextEvent(PATIENCE)).as("the first event").isNotNull();
            }

            for (int change = 1; change <= 2; change++) {
                server.asAdmin("PATCH", "/flags/crowded/environments/staging/toggle", null);
                String now = server.send("GET", "/sdk/flags?environment=staging", null, null)
                        .text("version");
                for (int i = 0; i < streams.size(); i++) {
                    EventStreamClient.Event event = streams.get(i).nextEvent(PATIENCE);
                    assertThat(event).as("change %d on stream %d", change, i).isNotNull();
                    assertThat(event.id())
                            .as("change %d on stream %d", change, i)
                            .isEqualTo(now);
                }
            }
            assertThat(server.openStreams()).isEqualTo(STREAMS);
        } finally {
            streams.forEach(EventStreamClient::close);
        }
    }

    @Test
    void when_many_batches_of_clients_hang_up_at_once_every_stream_is_closed_on_the_server()
            throws InterruptedException {
        List<EventStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(server.stream(STAGING, Map.of()));
        }
        for (EventStreamClient stream : streams) {
            assertThat(stream.nextEvent(PATIENCE)).as("the first event").isNotNull();
        }

        streams.forEach(EventStreamClient::close);

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (server.openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.openStreams()).as("streams still open on the server").isZero();
    }
}
