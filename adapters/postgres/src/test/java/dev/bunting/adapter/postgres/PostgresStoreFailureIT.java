package dev.bunting.adapter.postgres;

import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresStoreFailureIT {

    @Test
    void aStoreWhoseDatabaseWentAwayIsUnreachableAndFailsWithThePortsException() {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (PostgresStore store = PostgresStore.connect(database, 2, Duration.ofMillis(500))) {
            assertThat(store.isReachable()).isTrue();

            TestDatabase.drop(database);

            assertThat(store.isReachable()).isFalse();
            assertThatThrownBy(() -> store.inTransaction(r -> r.flags().find(new FlagKey("checkout"))))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining("org.jdbi");
        }
    }

    @Test
    void connectingToAServerThatIsNotThereFailsWithThePortsException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseUrl nowhere = DatabaseUrl.parse("postgres://bunting:secret@127.0.0.1:" + closedPort + "/bunting");

        assertThatThrownBy(() -> PostgresStore.connect(nowhere, 1, Duration.ofMillis(500)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining("secret");
    }

    @Test
    void aClosedStoreFailsWithThePortsException() {
        PostgresStore store = TestDatabase.freshStore();
        store.close();

        assertThat(store.isReachable()).isFalse();
        assertThatThrownBy(() -> store.inTransaction(r -> r.environments().list()))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
