package dev.bunting.adapter.memory;

import dev.bunting.domain.port.ExperimentRepositoryContract;
import dev.bunting.domain.port.Store;
import java.time.Instant;

class InMemoryExperimentRepositoryTest extends ExperimentRepositoryContract {

    @Override
    protected Store newStore() {
        return new InMemoryStore(Instant.parse("2026-03-01T00:00:00Z"));
    }
}
