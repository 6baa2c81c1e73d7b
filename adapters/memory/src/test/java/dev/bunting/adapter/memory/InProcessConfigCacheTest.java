package dev.bunting.adapter.memory;

import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.ConfigCacheContract;

class InProcessConfigCacheTest extends ConfigCacheContract {

    @Override
    protected ConfigCache newCache() {
        return new InProcessConfigCache();
    }
}
