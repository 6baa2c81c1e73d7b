package dev.bunting.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

    @Test
    void aUrlIsReadWithTheStandardNamespaceAndAOneSecondTimeout() {
        RedisSettings settings = RedisSettings.parse(" redis://cache.internal:6380/2 ");

        assertThat(settings.namespace()).isEqualTo("bunting:");
        assertThat(settings.uri().getHost()).isEqualTo("cache.internal");
        assertThat(settings.uri().getPort()).isEqualTo(6380);
        assertThat(settings.uri().getDatabase()).isEqualTo(2);
        assertThat(settings.uri().getTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTimeoutTheUrlSetsIsKept() {
        assertThat(RedisSettings.parse("rediss://cache.internal?timeout=3s")
                        .uri()
                        .getTimeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void thePasswordNeverShows() {
        RedisSettings settings = RedisSettings.parse("redis://:hunter2-secret@cache.internal:6379");

        assertThat(settings.toString()).contains("cache.internal").doesNotContain("hunter2-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "http://cache.internal", "cache.internal:6379", "redis://:hunter2-secret@"})
    void anUnusableUrlIsRefusedWithoutBeingQuoted(String url) {
        assertThatThrownBy(() -> RedisSettings.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2-secret")
                .hasMessageContaining("Redis URL");
    }

    @Test
    void theNamespaceIsRequired() {
        assertThatThrownBy(() -> new RedisSettings("redis://cache.internal", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
