package dev.bunting.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What Jedis's connection adds to the suites it shares with Lettuce's. */
class JedisConnectionIT {

    @Test
    void a_password_that_cannot_be_read_counts_as_redis_being_unavailable() {
        try (JedisConnection connection = new JedisConnection(TestRedis.freshNamespace(), () -> {
            throw new IllegalStateException("secret 'bunting/redis' is unavailable");
        })) {
            assertThatThrownBy(connection::ping)
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("cannot read the Redis password");
        }
    }

    @Test
    void nothing_connects_until_the_first_call_and_disconnecting_leaves_it_usable() {
        try (JedisConnection connection = new JedisConnection(TestRedis.freshNamespace())) {
            assertThat(connection.isConnected()).isFalse();

            connection.ping();
            assertThat(connection.isConnected()).isTrue();
            connection.disconnect();
            assertThat(connection.isConnected()).isFalse();

            connection.ping();
            assertThat(connection.isConnected()).isTrue();
        }
    }
}
