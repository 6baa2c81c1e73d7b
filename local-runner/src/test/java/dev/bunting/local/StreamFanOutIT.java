package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A change made through one instance reaches the event streams that clients hold open on another, through Redis. */
class StreamFanOutIT {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Test
    void a_stream_on_the_second_instance_hears_of_a_change_made_through_the_first() {
        RedisSettings redis = TestRedis.freshNamespace();
        try (TwoInstances instances = new TwoInstances(redis)) {
            instances.asAdmin(instances.first(), "POST", "/flags", "{\"key\":\"fan-out\"}");
            URI stream =
                    URI.create("http://localhost:" + instances.second().port() + "/sdk/stream?environment=development");
            try (EventStreamClient client = EventStreamClient.open(HttpClient.newHttpClient(), stream, Map.of())) {
                String where = client.nextEvent(WITHIN).id();

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
}
