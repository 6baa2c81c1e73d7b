package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.InvalidInputException;

/**
 * Asymptotic confidence sequences (Waudby-Smith et al. 2023) instead of fixed-horizon intervals, so results may be
 * looked at every day without inflating false positives. The tuning parameter is the total sample size at which the
 * sequence is tightest; GrowthBook's default is 5000.
 */
public record SequentialTesting(double tuning) {

    public static final double DEFAULT_TUNING = 5000;

    public SequentialTesting {
        if (!Double.isFinite(tuning) || tuning <= 0) {
            throw InvalidInputException.of(
                    "sequential.tuning", "invalid", "sequential.tuning must be a positive number");
        }
    }

    public static SequentialTesting withDefaultTuning() {
        return new SequentialTesting(DEFAULT_TUNING);
    }
}
