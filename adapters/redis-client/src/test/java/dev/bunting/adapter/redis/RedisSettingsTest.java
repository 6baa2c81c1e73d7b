package dev.bunting.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

    @Test
    void a_url_is_read_with_the_standard_namespace_and_a_one_second_timeout() {
        RedisSettings settings = RedisSettings.parse(" redis://cache.internal:6380/2 ");

        assertThat(settings.namespace()).isEqualTo("bunting:");
        assertThat(settings.endpoint().host()).isEqualTo("cache.internal");
        assertThat(settings.endpoint().port()).isEqualTo(6380);
        assertThat(settings.endpoint().database()).isEqualTo(2);
        assertThat(settings.endpoint().timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_timeout_the_url_sets_is_kept() {
        assertThat(RedisSettings.parse("rediss://cache.internal?timeout=3s")
                        .endpoint()
                        .timeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void the_password_never_shows() {
        RedisSettings settings = RedisSettings.parse("redis://:hunter2-secret@cache.internal:6379");

        assertThat(settings.toString()).contains("cache.internal").doesNotContain("hunter2-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "http://cache.internal", "cache.internal:6379", "redis://:hunter2-secret@"})
    void an_unusable_url_is_refused_without_being_quoted(String url) {
        assertThatThrownBy(() -> RedisSettings.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2-secret")
                .hasMessageContaining("Redis URL");
    }

    @Test
    void the_namespace_is_required() {
        assertThatThrownBy(() -> new RedisSettings("redis://cache.internal", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void user_password_tls_database_client_name_and_timeout_are_read_from_the_url() {
        RedisSettings.Endpoint endpoint = RedisSettings.parse(
                        "rediss://bunting:p%40ss+word@cache.internal/3?timeout=250ms&clientName=bunting%20one")
                .endpoint();

        assertThat(endpoint)
                .isEqualTo(new RedisSettings.Endpoint(
                        "cache.internal",
                        6379,
                        true,
                        3,
                        "bunting",
                        "p@ss+word",
                        Duration.ofMillis(250),
                        "bunting one"));
        assertThat(RedisSettings.parse("redis://cache.internal?timeout=2m").timeout())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void a_password_alone_has_no_user() {
        RedisSettings.Endpoint endpoint =
                RedisSettings.parse("redis://:secret@cache.internal").endpoint();

        assertThat(endpoint.user()).isNull();
        assertThat(endpoint.password()).isEqualTo("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://cache.internal/two", "redis://:hunter2-secret%zz@cache.internal"})
    void a_bad_database_or_escape_is_refused_without_quoting_the_url(String url) {
        assertThatThrownBy(() -> RedisSettings.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2-secret")
                .hasMessageContaining("Redis URL");
    }

    @Test
    void calls_name_keys_under_the_namespace_and_time_out_as_the_url_says() {
        RedisSettings settings = new RedisSettings("redis://cache.internal?timeout=3s", "tenant-a:");
        try (RedisCalls calls = new NoCalls(settings)) {
            assertThat(calls.key("throttle:alice")).isEqualTo("tenant-a:throttle:alice");
            assertThat(calls.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(calls.settings()).isSameAs(settings);
        }
    }

    @Test
    void an_unavailable_redis_carries_its_cause() {
        IllegalStateException cause = new IllegalStateException("connection refused");

        assertThat(new RedisUnavailableException("Redis did not answer", cause))
                .hasMessage("Redis did not answer")
                .hasCause(cause);
        assertThat(new RedisUnavailableException("closed")).hasMessage("closed").hasNoCause();
    }

    /** Names and settings only: a client that makes no calls. */
    private static final class NoCalls extends RedisCalls {

        NoCalls(RedisSettings settings) {
            super(settings);
        }

        @Override
        protected java.util.List<String> evalStrings(String script, String[] keys, String... arguments) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected long evalInteger(String script, String[] keys, String... arguments) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void publish(String channel, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void ping() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected java.util.List<Double> scoresAbove(String key, long exclusiveMinimum) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void delete(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect() {}

        @Override
        public boolean isConnected() {
            return false;
        }

        @Override
        public void close() {}
    }
}
