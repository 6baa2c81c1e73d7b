package dev.bunting.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SecretBoundTest {

    @Test
    void what_is_built_from_the_secret_is_built_again_only_when_the_secret_changes() {
        AtomicReference<String> secret = new AtomicReference<>("first secret");
        AtomicInteger builds = new AtomicInteger();
        SecretBound<String> bound = new SecretBound<>(
                () -> secret.get().getBytes(StandardCharsets.UTF_8),
                bytes -> builds.incrementAndGet() + ":" + new String(bytes, StandardCharsets.UTF_8));

        assertThat(bound.get()).isEqualTo("1:first secret");
        assertThat(bound.get()).isEqualTo("1:first secret");
        secret.set("rotated secret");
        assertThat(bound.get()).isEqualTo("2:rotated secret");
        assertThat(builds).hasValue(2);
    }
}
