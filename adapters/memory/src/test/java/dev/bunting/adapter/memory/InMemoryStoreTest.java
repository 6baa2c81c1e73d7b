package dev.bunting.adapter.memory;

import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreContract;
import java.time.Instant;
import java.util.List;

class InMemoryStoreTest extends StoreContract {

    @Override
    protected Store newStore() {
        return new InMemoryStore(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    protected List<AuditEntry> committedAuditEntries(Store store) {
        return ((InMemoryStore) store).auditTrail();
    }
}
