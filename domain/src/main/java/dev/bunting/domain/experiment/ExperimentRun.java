package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;

/**
 * The experiment running on a flag in an environment, as evaluation needs to know it: which experiment and phase an
 * exposure of the flag's split counts for. It travels with the flag's config into caches and SDK snapshots, so that
 * every evaluator, on any instance or in an SDK, knows to record exposures.
 */
public record ExperimentRun(ExperimentKey experiment, int phase) {

    public ExperimentRun {
        Checks.requirePresent("experiment", experiment);
        if (phase < 1) {
            throw new IllegalArgumentException("phases are numbered from 1");
        }
    }

    /** The run of a running experiment's current phase. */
    public static java.util.Optional<ExperimentRun> of(Experiment experiment) {
        return experiment.currentPhase().map(phase -> new ExperimentRun(experiment.key(), phase.number()));
    }
}
