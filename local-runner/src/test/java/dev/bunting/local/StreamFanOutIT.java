package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import dev.bunting.adapter.redis.TestRedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A change made through one instance reaches the event streams that clients hold open on another, through Redis. The
 * waits are bounds for a loaded machine, not targets: the latency is printed, not asserted.
 */
class StreamFanOutIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void a_stream_on_the_second_instance_hears_of_a_change_made_through_the_first() throws InterruptedException {
        RedisSettings redis = TestRedisServer.patient(TestRedis.freshNamespace());
        try (TwoInstances instances = new TwoInstances(redis)) {
            instances.asAdmin(instances.first(), "POST", "/flags", "{\"key\":\"fan-out\"}");
            URI stream =
                    URI.create("http://localhost:" + instances.second().port() + "/sdk/stream?environment=development");
            try (EventStreamClient client = EventStreamClient.open(HttpClient.newHttpClient(), stream, Map.of())) {
                String where = client.nextEvent(WITHIN).id();
                awaitSubscribers(redis, 2);

                long written = System.nanoTime();
                assertThat(instances.toggle(instances.first(), "fan-out", true)).isEqualTo(200);
                EventStreamClient.Event change = client.nextEvent(WITHIN);

                assertThat(change.id()).isNotEqualTo(where);
                assertThat(change.data()).contains("refetchEvaluation");
                System.out.printf(
                        "change through instance 1 to event on instance 2's stream: %.1f ms%n",
                        (change.arrivedAt() - written) / 1e6);
            }
        } finally {
            TestRedis.deleteNamespace(redis);
        }
    }

    /**
     * Each instance subscribes on a thread of its own as it starts, and a stream opened before then misses what was
     * published meanwhile: the change is made once both listen.
     */
    private static void awaitSubscribers(RedisSettings redis, long instances) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (TestRedis.configSubscribers(redis) < instances && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(TestRedis.configSubscribers(redis))
                .as("instances subscribed")
                .isEqualTo(instances);
    }
}
