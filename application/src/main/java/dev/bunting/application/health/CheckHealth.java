package dev.bunting.application.health;

import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

/**
 * Whether the service can do its work, which is whether the store answers; and whether the config cache reaches what it
 * shares with other instances. A degraded cache leaves the service healthy, only slower: every evaluation then loads
 * from the store, and answers as before.
 */
public final class CheckHealth {

    private final Store store;
    private final ConfigCache cache;

    @Inject
    public CheckHealth(Store store, ConfigCache cache) {
        this.store = store;
        this.cache = cache;
    }

    public record Health(boolean storeReachable, ConfigCache.Sharing cache) {
        public boolean healthy() {
            return storeReachable;
        }
    }

    public Health check() {
        return new Health(store.isReachable(), cache.sharing());
    }
}
