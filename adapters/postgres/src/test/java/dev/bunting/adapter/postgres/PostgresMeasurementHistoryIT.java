package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.MeasurementHistoryContract;
import dev.bunting.domain.port.MeasurementLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Measurement over time on a real PostgreSQL. */
class PostgresMeasurementHistoryIT extends MeasurementHistoryContract {

    private static PostgresStore store;

    @BeforeAll
    static void createDatabase() {
        store = PostgresStore.connect(TestDatabase.migratedDatabase(), 4);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Override
    protected MeasurementLog log() {
        return store.measurements();
    }

    @Override
    protected MeasurementHistory history() {
        return store.history();
    }

    @Override
    protected void stored(Experiment experiment) {
        boolean inserted = store.inTransaction(r -> r.experiments().insert(experiment));
        assertThat(inserted).isTrue();
    }
}
