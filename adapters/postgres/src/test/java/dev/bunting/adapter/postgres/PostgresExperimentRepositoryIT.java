package dev.bunting.adapter.postgres;

import dev.bunting.domain.port.ExperimentRepositoryContract;
import dev.bunting.domain.port.Store;
import org.junit.jupiter.api.BeforeAll;

/** The experiment repository's contract on a real PostgreSQL, where a partial unique index keeps one running. */
class PostgresExperimentRepositoryIT extends ExperimentRepositoryContract {

    private static DatabaseUrl database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.freshDatabase();
    }

    @Override
    protected Store newStore() {
        PostgresStore store = PostgresStore.connect(database, 4);
        TestDatabase.restoreInitialState(database);
        return store;
    }
}
