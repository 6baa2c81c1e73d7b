package dev.bunting.application.audit;

import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.domain.port.Store;
import java.time.Instant;

class InMemoryAuditCompletenessTest extends AuditCompletenessProperty {

    @Override
    protected Store newStore() {
        return new InMemoryStore(Instant.parse("2025-12-01T00:00:00Z"));
    }
}
