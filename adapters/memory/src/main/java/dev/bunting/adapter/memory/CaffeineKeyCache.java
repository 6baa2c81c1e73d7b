package dev.bunting.adapter.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.port.KeyCache;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checked keys in this process, bounded in number so that a flood of made-up secrets evicts entries rather than
 * growing the heap, and expiring so that a key revoked on another instance stops working here within {@code ttl}.
 */
public final class CaffeineKeyCache implements KeyCache {

    private final Cache<String, Optional<AccessKey>> keys;

    public CaffeineKeyCache(Duration ttl, long maximumSize) {
        this.keys = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .build();
    }

    @Override
    public Optional<AccessKey> get(String digest, Function<String, Optional<AccessKey>> loader) {
        return keys.get(digest, loader);
    }

    @Override
    public void invalidateAll() {
        keys.invalidateAll();
    }
}
