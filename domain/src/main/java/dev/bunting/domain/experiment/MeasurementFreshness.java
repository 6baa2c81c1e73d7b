package dev.bunting.domain.experiment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How current an experiment's measurements are, so that a reader of its results can tell.
 *
 * @param computedAt when its rollups were last recomputed; empty if they never were
 * @param pending    whether writes acknowledged before the question are not in the answer yet: they will be after the
 *                   next refresh
 */
public record MeasurementFreshness(Optional<Instant> computedAt, boolean pending) {

    public MeasurementFreshness {
        Objects.requireNonNull(computedAt, "computedAt");
    }

    /** Measurements that include every acknowledged write, computed at {@code at}. */
    public static MeasurementFreshness current(Instant at) {
        return new MeasurementFreshness(Optional.of(at), false);
    }
}
