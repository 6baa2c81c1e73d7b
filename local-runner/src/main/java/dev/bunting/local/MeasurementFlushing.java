package dev.bunting.local;

import dev.bunting.adapter.postgres.UpkeepDeadline;
import dev.bunting.application.measurement.MeasurementBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what evaluations measured on a timer, off every request's path, and once more on shutdown, after the last
 * request, so a clean stop loses nothing. What a crash loses is at most one interval's exposures. On timers of their
 * own, it refreshes stale rollups, which a results read leaves to it when they are many, and applies retention; each
 * run of those starts no experiment's refresh after {@link #UPKEEP_BUDGET}, so that neither holds its thread for long.
 */
final class MeasurementFlushing implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MeasurementFlushing.class.getName());

    private final MeasurementBuffer buffer;
    private final ScheduledExecutorService timer;

    private MeasurementFlushing(MeasurementBuffer buffer, ScheduledExecutorService timer) {
        this.buffer = buffer;
        this.timer = timer;
    }

    /**
     * How often stale rollups are refreshed: a results read recomputes them itself only when that is quick, so this
     * bounds how old a large experiment's results may be (plus a refresh's own time), while a refresh of the latest
     * days (where events keep arriving) stays a small share of the machine.
     */
    static final Duration ROLLUP_REFRESH = Duration.ofMinutes(1);

    /**
     * How long one run of the rollups' refresh or of retention starts experiments' refreshes: a backlog left over is
     * the next run's, a minute later for rollups. With three tasks on two threads, a run that held its thread for the
     * whole backlog would leave flushes one thread, and retention and the refresh could take both.
     */
    static final Duration UPKEEP_BUDGET = Duration.ofMinutes(1);

    /**
     * How often retention runs after the one at start: it drops nothing while rollups are left stale, so it comes back
     * within the hour rather than the next day; with nothing to drop, it costs a few statements.
     */
    static final Duration RETENTION = Duration.ofHours(1);

    /**
     * @param rollups   runs every {@link #ROLLUP_REFRESH}: recomputes the rollups that writes made stale, until its
     *                  deadline
     * @param retention runs once at start and then every {@link #RETENTION}: makes the coming days' partitions, and
     *                  drops raw exposures and events older than the retention setting once no rollup is stale
     */
    static MeasurementFlushing every(
            Duration interval,
            MeasurementBuffer buffer,
            Consumer<UpkeepDeadline> rollups,
            Consumer<UpkeepDeadline> retention) {
        // two threads, so that a long refresh of rollups or retention never delays a flush (no task overlaps itself)
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("measurement-", 0).daemon().factory());
        MeasurementFlushing flushing = new MeasurementFlushing(buffer, timer);
        timer.scheduleWithFixedDelay(flushing::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                () -> guarded("refreshing rollups", () -> rollups.accept(deadline())),
                ROLLUP_REFRESH.toMillis(),
                ROLLUP_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                () -> guarded("retention", () -> retention.accept(deadline())),
                0,
                RETENTION.toMillis(),
                TimeUnit.MILLISECONDS);
        return flushing;
    }

    private static UpkeepDeadline deadline() {
        return UpkeepDeadline.after(UPKEEP_BUDGET, Clock.systemUTC());
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed; it runs again later", e);
        }
    }

    /** The timer must outlive one bad flush, or measurement would stop for good. */
    private void flush() {
        guarded("a measurement flush", () -> buffer.flush(false));
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        buffer.flush(true);
        if (buffer.dropped() > 0) {
            LOG.warning(
                    buffer.dropped() + " exposures were dropped since start: the buffer was full or the store down");
        }
    }
}
