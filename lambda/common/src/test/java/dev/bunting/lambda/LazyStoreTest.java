package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LazyStoreTest {

    /** A store that answers as it is told and says whether it was closed. */
    private static final class Connection implements Store, AutoCloseable {
        boolean closed;

        @Override
        public <T> T inTransaction(Work<T> work) {
            throw new UnsupportedOperationException("these tests only ask whether the store answers");
        }

        @Override
        public boolean isReachable() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Connection> connections = new ArrayList<>();
    private int refusals;

    private final LazyStore<Connection> store = new LazyStore<>(() -> {
        if (refusals > 0) {
            refusals--;
            throw new StoreUnavailableException("refused", null);
        }
        Connection connection = new Connection();
        connections.add(connection);
        return connection;
    });

    @Test
    void it_connects_on_first_use_and_only_once() {
        assertThat(store.isConnected()).isFalse();
        assertThat(connections).isEmpty();

        assertThat(store.isReachable()).isTrue();
        assertThat(store.isReachable()).isTrue();

        assertThat(connections).hasSize(1);
        assertThat(store.isConnected()).isTrue();
    }

    @Test
    void disconnecting_closes_the_connection_and_the_next_use_opens_another() {
        assertThat(store.disconnect()).as("nothing to close yet").isFalse();
        store.isReachable();

        assertThat(store.disconnect()).isTrue();

        assertThat(connections.getFirst().closed).isTrue();
        assertThat(store.isConnected()).isFalse();
        assertThat(store.isReachable()).isTrue();
        assertThat(connections).hasSize(2);
    }

    @Test
    void a_failed_connect_is_unreachable_and_not_remembered() {
        refusals = 1;

        assertThat(store.isReachable()).isFalse();
        assertThat(store.isConnected()).isFalse();
        assertThat(store.isReachable()).isTrue();
    }
}
