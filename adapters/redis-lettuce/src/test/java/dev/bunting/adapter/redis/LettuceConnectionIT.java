package dev.bunting.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.redis.lettuce.LettuceConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Lettuce's connection on its own; the config cache's and throttle's suites run on it in bunting-adapter-redis. Its calls
 * are the shared module's to make, hence the cast.
 */
class LettuceConnectionIT {

    /** How long a message, a ping's answer or news of a drop may take on a loaded machine: a bound, not a target. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static RedisSettings settings() {
        return TestRedisServer.patient(
                new RedisSettings(TestRedisServer.url(), "bunting-test:" + UUID.randomUUID() + ":"));
    }

    @Test
    void nothing_connects_until_the_first_call_and_disconnecting_leaves_it_usable() {
        try (LettuceConnection connection = new LettuceConnection(settings())) {
            assertThat(connection.isConnected()).isFalse();

            ((RedisCalls) connection).ping();
            assertThat(connection.isConnected()).isTrue();
            connection.disconnect();
            assertThat(connection.isConnected()).isFalse();

            ((RedisCalls) connection).ping();
            assertThat(connection.isConnected()).isTrue();
        }
    }

    @Test
    void a_subscription_hears_what_is_published_on_its_channels_and_answers_pings() throws InterruptedException {
        try (LettuceConnection connection = new LettuceConnection(settings())) {
            String channel = "bunting-test:channel:" + UUID.randomUUID();
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            try (RedisSubscriber.Subscription subscription =
                    connection.subscribe(List.of(channel), (on, text) -> heard.add(on + " " + text), () -> {})) {
                ((RedisCalls) connection).publish(channel, "hello");

                assertThat(heard.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                        .isEqualTo(channel + " hello");
                subscription.ping(PATIENCE);
                assertThat(subscription.isOpen()).isTrue();
            }
        }
    }

    @Test
    void a_subscription_whose_server_stops_says_it_dropped() throws Exception {
        int port = TestRedisServer.freePort();
        RedisServer server = TestRedisServer.startEmbedded(port);
        try (LettuceConnection connection = new LettuceConnection(
                TestRedisServer.patient(new RedisSettings("redis://127.0.0.1:" + port, "bunting-test:")))) {
            BlockingQueue<String> drops = new LinkedBlockingQueue<>();
            RedisSubscriber.Subscription subscription =
                    connection.subscribe(List.of("bunting-test:drop"), (on, text) -> {}, () -> drops.add("dropped"));

            server.stop();

            assertThat(drops.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("dropped");
            assertThatThrownBy(() -> subscription.ping(Duration.ofMillis(500)))
                    .isInstanceOf(RedisUnavailableException.class);
            subscription.close();
        } finally {
            if (server.isActive()) {
                server.stop();
            }
        }
    }

    @Test
    void once_closed_it_connects_no_more() {
        LettuceConnection connection = new LettuceConnection(settings());
        connection.close();

        assertThat(connection.isClosed()).isTrue();
        assertThatThrownBy(() -> ((RedisCalls) connection).ping()).isInstanceOf(RedisUnavailableException.class);
        assertThatThrownBy(() -> connection.subscribe(List.of("bunting-test:closed"), (on, text) -> {}, () -> {}))
                .isInstanceOf(RedisUnavailableException.class);
    }

    @Test
    void a_server_that_cannot_be_reached_is_redis_being_unavailable() {
        RedisSettings nowhere = new RedisSettings(
                "redis://127.0.0.1:" + TestRedisServer.freePort() + "?timeout=500ms", "bunting-test:");
        try (LettuceConnection connection = new LettuceConnection(nowhere)) {
            assertThatThrownBy(() -> ((RedisCalls) connection).ping()).isInstanceOf(RedisUnavailableException.class);
            assertThatThrownBy(() -> connection.subscribe(List.of("bunting-test:nowhere"), (on, text) -> {}, () -> {}))
                    .isInstanceOf(RedisUnavailableException.class);
        }
    }

    @Test
    void scripts_sorted_sets_publishing_and_deleting_answer_as_the_shared_module_expects() {
        try (LettuceConnection connection = new LettuceConnection(settings())) {
            RedisCalls calls = connection;
            String key = calls.key("scores");

            assertThat(calls.evalStrings("return {KEYS[1], ARGV[1], false}", new String[] {key}, "argument"))
                    .containsExactly(key, "argument", null);
            assertThat(calls.evalInteger("return redis.call('ZADD', KEYS[1], 1, 'a', 5, 'b')", new String[] {key}))
                    .isEqualTo(2);
            assertThat(calls.scoresAbove(key, 1)).containsExactly(5.0);
            calls.publish(calls.key("nobody-listens"), "message");
            calls.delete(key);
            assertThat(calls.evalInteger("return redis.call('EXISTS', KEYS[1])", new String[] {key}))
                    .isZero();
        }
    }
}
