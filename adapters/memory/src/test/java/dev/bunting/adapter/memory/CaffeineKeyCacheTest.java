package dev.bunting.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.key.AccessKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaffeineKeyCacheTest {

    private final CaffeineKeyCache cache = new CaffeineKeyCache(Duration.ofMinutes(1), 100);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void a_digest_is_looked_up_once_until_the_cache_is_cleared() {
        assertThat(cache.get("digest", this::unknown)).isEmpty();
        assertThat(cache.get("digest", this::unknown)).isEmpty();
        assertThat(loads).hasValue(1);

        cache.invalidateAll();
        cache.get("digest", this::unknown);

        assertThat(loads).hasValue(2);
    }

    private Optional<AccessKey> unknown(String digest) {
        loads.incrementAndGet();
        return Optional.empty();
    }
}
