package dev.bunting.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.redis.jedis.JedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Jedis's connection on its own; the config cache's and throttle's suites run on it in bunting-adapter-redis. Its calls
 * are the shared module's to make, hence the cast.
 */
class JedisConnectionIT {

    @Test
    void a_password_that_cannot_be_read_counts_as_redis_being_unavailable() {
        try (JedisConnection connection = new JedisConnection(settings(), () -> {
            throw new IllegalStateException("secret 'bunting/redis' is unavailable");
        })) {
            assertThatThrownBy(((RedisCalls) connection)::ping)
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("cannot read the Redis password");
        }
    }

    @Test
    void nothing_connects_until_the_first_call_and_disconnecting_leaves_it_usable() {
        try (JedisConnection connection = new JedisConnection(settings())) {
            assertThat(connection.isConnected()).isFalse();

            ((RedisCalls) connection).ping();
            assertThat(connection.isConnected()).isTrue();
            connection.disconnect();
            assertThat(connection.isConnected()).isFalse();

            ((RedisCalls) connection).ping();
            assertThat(connection.isConnected()).isTrue();
        }
    }

    private static RedisSettings settings() {
        return new RedisSettings(TestRedisServer.url(), "bunting-test:" + UUID.randomUUID() + ":");
    }

    @Test
    void scripts_sorted_sets_publishing_and_deleting_answer_as_the_shared_module_expects() {
        try (JedisConnection connection = new JedisConnection(settings())) {
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

    @Test
    void once_closed_it_makes_no_calls() {
        JedisConnection connection = new JedisConnection(settings());
        connection.close();

        assertThatThrownBy(() -> ((RedisCalls) connection).ping()).isInstanceOf(RedisUnavailableException.class);
    }
}
