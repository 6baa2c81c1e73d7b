package dev.bunting.composition;

import dev.bunting.application.measurement.RecordEvents;
import java.time.Duration;

/**
 * How server-side exposures and evaluation counts wait in memory before they are written.
 *
 * @param capacity      exposures held at most between two flushes (BUNTING_MEASUREMENT_BUFFER, 100,000): beyond it,
 *                      exposures are dropped and counted rather than slow evaluation
 * @param flushInterval how often a runtime with threads flushes (BUNTING_MEASUREMENT_FLUSH_MILLIS, 1,000 ms): the
 *                      most an accepted exposure waits before results can see it
 * @param countInterval the least time between two writes of the evaluation counts
 * @param retentionDays how many days of raw exposures and events to keep (BUNTING_RAW_RETENTION_DAYS, 90, at least
 *                      {@link #MIN_RETENTION_DAYS}); units' first exposures and evaluation counts stay
 */
public record MeasurementSettings(int capacity, Duration flushInterval, Duration countInterval, int retentionDays) {

    /**
     * The shortest retention: as many days as an event may arrive late ({@link RecordEvents#MAX_AGE}). A shorter one
     * would drop the days that late events still belong to, whose partitions the API's login may not make again, and
     * whose rollups retention has frozen.
     */
    public static final int MIN_RETENTION_DAYS = Math.toIntExact(RecordEvents.MAX_AGE.toDays());

    public MeasurementSettings {
        if (capacity < 1) {
            throw new IllegalStateException("BUNTING_MEASUREMENT_BUFFER must be positive");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalStateException("BUNTING_MEASUREMENT_FLUSH_MILLIS must be positive");
        }
        if (retentionDays < MIN_RETENTION_DAYS) {
            throw new IllegalStateException("BUNTING_RAW_RETENTION_DAYS must be at least " + MIN_RETENTION_DAYS
                    + ", the days an event may arrive late, not " + retentionDays
                    + ": a shorter retention would drop the days those events belong to");
        }
    }

    /** A long-running server: a timer flushes every interval, counts included. */
    public static MeasurementSettings forServer(EnvironmentVariables environment) {
        Duration flush = Duration.ofMillis(environment.integer("BUNTING_MEASUREMENT_FLUSH_MILLIS", 1_000));
        return new MeasurementSettings(
                environment.integer("BUNTING_MEASUREMENT_BUFFER", 100_000), flush, flush, retention(environment));
    }

    /**
     * A runtime frozen between requests (AWS Lambda): each invocation flushes its exposures before it answers, since
     * nothing runs after; counts, a usage gauge, are written at most once a minute, by the invocation that finds the
     * minute over.
     */
    public static MeasurementSettings forFrozenRuntime(EnvironmentVariables environment) {
        return new MeasurementSettings(
                environment.integer("BUNTING_MEASUREMENT_BUFFER", 10_000),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                retention(environment));
    }

    private static int retention(EnvironmentVariables environment) {
        return environment.integer("BUNTING_RAW_RETENTION_DAYS", 90);
    }
}
