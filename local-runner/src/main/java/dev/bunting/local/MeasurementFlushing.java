package dev.bunting.local;

import dev.bunting.application.measurement.MeasurementBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what evaluations measured on a timer, off every request's path, and once more on shutdown, after the last
 * request, so a clean stop loses nothing. What a crash loses is at most one interval's exposures.
 */
final class MeasurementFlushing implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MeasurementFlushing.class.getName());

    private final MeasurementBuffer buffer;
    private final ScheduledExecutorService timer;

    private MeasurementFlushing(MeasurementBuffer buffer, ScheduledExecutorService timer) {
        this.buffer = buffer;
        this.timer = timer;
    }

    static MeasurementFlushing every(Duration interval, MeasurementBuffer buffer) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("measurement-flush").daemon().factory());
        MeasurementFlushing flushing = new MeasurementFlushing(buffer, timer);
        timer.scheduleWithFixedDelay(flushing::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return flushing;
    }

    private void flush() {
        try {
            buffer.flush(false);
        } catch (RuntimeException e) {
            // the timer must outlive one bad flush, or measurement would stop for good
            LOG.log(Level.WARNING, "a measurement flush failed; the next one tries again", e);
        }
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
