package dev.bunting.lambda;

import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store that connects on first use rather than when built. With SnapStart the init phase is snapshotted and
 * restored many times, and sockets opened during init would be dead (or shared) after a restore; connecting on the
 * first request means every restored environment opens its own. A failed connect is not remembered: the next request
 * tries again.
 *
 * @param <S> the store it connects, which {@link #connected()} hands out for what else it offers (measurement)
 */
final class LazyStore<S extends Store & AutoCloseable> implements Store {

    private final Supplier<S> connect;
    private volatile S connected;

    LazyStore(Supplier<S> connect) {
        this.connect = connect;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return connected().inTransaction(work);
    }

    @Override
    public boolean isReachable() {
        try {
            return connected().isReachable();
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    /**
     * Closes the connections, if any, so none is taken into a snapshot; the next use connects again.
     *
     * @return whether there were connections to close
     */
    synchronized boolean disconnect() {
        S open = connected;
        connected = null;
        if (open != null) {
            try {
                open.close();
            } catch (Exception e) {
                throw new IllegalStateException("the store did not close", e);
            }
        }
        return open != null;
    }

    /** Whether connections are open now. */
    boolean isConnected() {
        return connected != null;
    }

    /** The store if it is connected now, without connecting it. */
    Optional<S> ifConnected() {
        return Optional.ofNullable(connected);
    }

    /** The connected store, connecting it first if it is not. */
    S connected() {
        S store = connected;
        if (store == null) {
            synchronized (this) {
                store = connected;
                if (store == null) {
                    store = connect.get();
                    connected = store;
                }
            }
        }
        return store;
    }
}
