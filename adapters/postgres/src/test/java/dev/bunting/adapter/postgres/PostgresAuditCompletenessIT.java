package dev.bunting.adapter.postgres;

import dev.bunting.application.audit.AuditCompletenessProperty;
import dev.bunting.domain.port.Store;

/** The audit completeness property on real PostgreSQL, where the trail's documents go through jsonb and back. */
class PostgresAuditCompletenessIT extends AuditCompletenessProperty {

    @Override
    protected Store newStore() {
        return TestDatabase.freshStore();
    }
}
