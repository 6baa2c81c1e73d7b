package dev.bunting.application.health;

import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

/** Whether the service can do its work: today, whether the store answers. */
public final class CheckHealth {

    private final Store store;

    @Inject
    public CheckHealth(Store store) {
        this.store = store;
    }

    public record Health(boolean storeReachable) {
        public boolean healthy() {
            return storeReachable;
        }
    }

    public Health check() {
        return new Health(store.isReachable());
    }
}
