package dev.bunting.lambda;

import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.util.function.Supplier;

/**
 * A store that connects on first use rather than when built. With SnapStart the init phase is snapshotted and
 * restored many times, and sockets opened during init would be dead (or shared) after a restore; connecting on the
 * first request means every restored environment opens its own. A failed connect is not remembered: the next request
 * tries again.
 */
final class LazyStore implements Store {

    private final Supplier<? extends Store> connect;
    private volatile Store connected;

    LazyStore(Supplier<? extends Store> connect) {
        this.connect = connect;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return store().inTransaction(work);
    }

    @Override
    public boolean isReachable() {
        try {
            return store().isReachable();
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
        Store open = connected;
        connected = null;
        if (open instanceof AutoCloseable closeable) {
            try {
                closeable.close();
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

    private Store store() {
        Store store = connected;
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
