package dev.bunting.application;

import dev.bunting.adapter.memory.InMemoryMeasurements;
import dev.bunting.application.measurement.MeasureEvaluations;
import dev.bunting.application.measurement.MeasurementBuffer;
import java.time.Clock;
import java.time.Duration;

/** Measurement for use-case tests that are not about it: evaluations measured into a store nobody reads. */
final class Measuring {

    private Measuring() {}

    static MeasureEvaluations unread(Clock clock) {
        return new MeasureEvaluations(
                new MeasurementBuffer(new InMemoryMeasurements(), clock, 1_000, Duration.ofMinutes(1)), clock);
    }
}
