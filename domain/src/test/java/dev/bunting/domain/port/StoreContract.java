package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.audit.AuditEntry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The definition of {@link Store} and the repositories it hands out. Every store adapter extends this suite, and so
 * runs each repository's contract, composed here as a {@link Nested} class, on a new store per test. A store that is
 * {@link AutoCloseable} is closed after each test.
 */
public abstract class StoreContract {

    protected Store store;

    /** @return a store with no flags and exactly the default environments */
    protected abstract Store newStore();

    /** @return the audit entries committed to {@code store}, oldest first; before and after may be in any form */
    protected abstract List<AuditEntry> committedAuditEntries(Store store);

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void the_store_is_reachable() {
        assertThat(store.isReachable()).isTrue();
    }

    @Nested
    class Flags extends FlagRepositoryContract {
        Flags() {
            super(StoreContract.this);
        }
    }

    @Nested
    class FlagConfigs extends FlagConfigContract {
        FlagConfigs() {
            super(StoreContract.this);
        }
    }

    @Nested
    class Environments extends EnvironmentRepositoryContract {
        Environments() {
            super(StoreContract.this);
        }
    }

    @Nested
    class Keys extends KeyRepositoryContract {
        Keys() {
            super(StoreContract.this);
        }
    }

    @Nested
    class Users extends UserRepositoryContract {
        Users() {
            super(StoreContract.this);
        }
    }

    @Nested
    class Audit extends AuditTrailContract {
        Audit() {
            super(StoreContract.this);
        }
    }

    @Nested
    class Experiments extends ExperimentRepositoryContract {
        Experiments() {
            super(StoreContract.this);
        }
    }

    @Nested
    class Transactions extends TransactionContract {
        Transactions() {
            super(StoreContract.this);
        }
    }
}
