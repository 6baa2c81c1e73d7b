package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.flag.FlagKey;
import java.util.Optional;

/** Which experiments to list; each filter is optional and they combine. */
public record ExperimentQuery(
        Optional<FlagKey> flag, Optional<EnvironmentKey> environment, Optional<ExperimentStatus> status) {

    public static final ExperimentQuery ALL = new ExperimentQuery(Optional.empty(), Optional.empty(), Optional.empty());

    public boolean matches(dev.bunting.domain.experiment.Experiment experiment) {
        return flag.map(experiment.flag()::equals).orElse(true)
                && environment.map(experiment.environment()::equals).orElse(true)
                && status.map(s -> s == experiment.status()).orElse(true);
    }
}
