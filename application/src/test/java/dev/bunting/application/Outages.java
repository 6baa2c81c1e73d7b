package dev.bunting.application;

import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-ins for a store that goes down, store reads that take as long as a test likes, and time that a test moves. */
final class Outages {

    private Outages() {}

    /** The in-memory store, which fails as an unreachable store does while {@link #down}; counts transactions tried. */
    static final class SwitchableStore implements Store {
        private final Store store;
        final AtomicInteger transactions = new AtomicInteger();
        volatile boolean down;

        SwitchableStore(Store store) {
            this.store = store;
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            transactions.incrementAndGet();
            if (down) {
                throw new StoreUnavailableException("the test took the store down", null);
            }
            return store.inTransaction(work);
        }

        @Override
        public boolean isReachable() {
            return !down;
        }
    }

    /** Runs reads at once or, while {@link #holding}, keeps them in flight until {@link #release()}. */
    static final class HoldingExecutor implements Executor {
        final List<Runnable> held = new CopyOnWriteArrayList<>();
        final CountDownLatch firstHeld = new CountDownLatch(1);
        volatile boolean holding;

        @Override
        public void execute(Runnable read) {
            if (holding) {
                held.add(read);
                firstHeld.countDown();
            } else {
                read.run();
            }
        }

        void release() {
            holding = false;
            held.forEach(Runnable::run);
            held.clear();
        }
    }
}
