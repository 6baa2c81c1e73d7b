package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;

/** An exposure that counts for a running experiment: the unit entered this phase of it. */
public record ExperimentExposure(ExperimentKey experiment, int phase, Exposure exposure) {

    public ExperimentExposure {
        Checks.requirePresent("experiment", experiment);
        Checks.requirePresent("exposure", exposure);
        if (phase < 1) {
            throw new IllegalArgumentException("phases are numbered from 1");
        }
    }
}
