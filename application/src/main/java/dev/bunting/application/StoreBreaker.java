package dev.bunting.application;

import dev.bunting.domain.port.StoreUnavailableException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Guards the store reads that evaluation makes when a cache misses, so that a store that does not answer costs an
 * evaluation at most {@link #PATIENCE} rather than a connection pool's timeout of seconds. Evaluations run on a web
 * server's I/O thread, and a wait there stalls every request that thread carries.
 *
 * <p>While the store answers, a caller with something to fall back on reads {@link #readBriefly briefly}: it waits at
 * most {@link #PATIENCE}, after which it gives up on the read and falls back, but the read goes on elsewhere. A read
 * that overruns is slow, not failed: it opens nothing, and only while it is still in flight do other brief reads fall
 * back at once rather than pile more reads on a store that is slow. A caller with nothing to fall back on
 * {@link #read waits} for its read.
 *
 * <p>After a read fails (the store says it cannot be reached, or the query itself timed out), the store is left alone
 * for {@link #RETRY_AFTER}: reads fail at once with {@link StoreUnavailableException}, and callers answer from what they
 * last knew. Then one read, whoever makes it, tries the store, briefly; the others go on failing at once while it does,
 * and for another {@link #RETRY_AFTER} if it never returns. A read that succeeds ends the backoff.
 */
@Singleton
public final class StoreBreaker {

    /** Names the executor that brief reads run on, one task per read; a virtual thread each in production. */
    public static final String READS = "store-reads";
    /** Far longer than a read of prepared configs takes from a store that answers, far shorter than a pool's timeout. */
    public static final Duration PATIENCE = Duration.ofMillis(100);
    /** As long as the Retry-After of a 503, so a client told to come back finds the store tried again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Clock clock;
    private final Executor reads;
    /** When the store may be tried again; null while it answers. */
    private final AtomicReference<Instant> retryAt = new AtomicReference<>();
    /** Brief reads that outlasted their caller's patience and are still in flight. */
    private final AtomicInteger overrunning = new AtomicInteger();

    @Inject
    public StoreBreaker(Clock clock, @Named(READS) Executor reads) {
        this.clock = clock;
        this.reads = reads;
    }

    /** While the store answers, reads on the calling thread for as long as it takes: for callers with nothing to fall back on. */
    public <T> T read(Supplier<T> read) {
        Instant at = retryAt.get();
        if (at == null) {
            return attempt(read);
        }
        claimTheTry(at);
        return briefly(read);
    }

    /** Reads on another thread and waits at most {@link #PATIENCE} for it: for callers that can answer without it. */
    public <T> T readBriefly(Supplier<T> read) {
        Instant at = retryAt.get();
        if (at != null) {
            claimTheTry(at);
        } else if (overrunning.get() > 0) {
            throw new StoreUnavailableException(
                    "the store is slow: a read that took longer than " + PATIENCE.toMillis() + " ms is still in flight",
                    null);
        }
        return briefly(read);
    }

    /** Takes the one try the store gets once a backoff is over, by starting the next; throws when it is not this caller's. */
    private void claimTheTry(Instant at) {
        Instant now = clock.instant();
        if (now.isBefore(at) || !retryAt.compareAndSet(at, now.plus(RETRY_AFTER))) {
            throw new StoreUnavailableException(
                    "the store failed moments ago and is left alone until " + retryAt.get(), null);
        }
    }

    private <T> T briefly(Supplier<T> read) {
        CompletableFuture<T> reading = CompletableFuture.supplyAsync(() -> attempt(read), reads);
        try {
            return reading.get(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // slow is not down: the read goes on, and its own success or failure says which the store is
            overrunning.incrementAndGet();
            reading.whenComplete((result, failure) -> overrunning.decrementAndGet());
            throw new StoreUnavailableException(
                    "the store did not answer within " + PATIENCE.toMillis() + " ms; the read goes on", e);
        } catch (ExecutionException e) {
            // the read threw, and attempt() has started the backoff if the store failed
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store", e);
        }
    }

    private <T> T attempt(Supplier<T> read) {
        T result;
        try {
            result = read.get();
        } catch (StoreUnavailableException e) {
            backOff();
            throw e;
        }
        retryAt.set(null);
        return result;
    }

    private void backOff() {
        retryAt.set(clock.instant().plus(RETRY_AFTER));
    }
}
