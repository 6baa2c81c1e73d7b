package dev.bunting.domain.flag;

import dev.bunting.domain.experiment.ExperimentRun;
import java.util.Optional;

/**
 * A flag together with its config in one environment: what evaluation needs.
 *
 * @param experiment the experiment running on the flag there, whose units its split's evaluations are
 */
public record FlagState(Flag flag, EnvironmentConfig config, Optional<ExperimentRun> experiment) {
    public FlagState {
        if (!flag.key().equals(config.flag())) {
            throw new IllegalArgumentException(
                    "config of '" + config.flag() + "' paired with flag '" + flag.key() + "'");
        }
        if (experiment == null) {
            throw new IllegalArgumentException("experiment is required; empty when none runs");
        }
    }

    /** A flag with no experiment running on it. */
    public FlagState(Flag flag, EnvironmentConfig config) {
        this(flag, config, Optional.empty());
    }
}
