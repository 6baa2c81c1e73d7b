package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.flag.FlagKey;
import java.util.List;
import java.util.Optional;

/**
 * Experiments. At most one experiment runs on a flag in an environment, since two would share its units. Writes are
 * conditional on the version the caller read, as flag writes are.
 */
public interface ExperimentRepository {

    Optional<Experiment> find(ExperimentKey key);

    /** Every experiment that matches, by key. */
    List<Experiment> list(ExperimentQuery query);

    /** The experiment running on {@code flag} in {@code environment}, if one is. */
    Optional<Experiment> running(FlagKey flag, EnvironmentKey environment);

    /** @return false when an experiment with this key exists already */
    boolean insert(Experiment experiment);

    /**
     * Replaces the experiment if its stored version is {@code experiment.version() - 1}.
     *
     * @return false otherwise
     * @throws ExperimentAlreadyRunningException when it would make a second experiment run on the same flag and
     *     environment (use cases check {@link #running} first; this catches two that race)
     */
    boolean update(Experiment experiment);

    /** Deletes the experiment if its stored version is {@code expectedVersion}. @return false otherwise */
    boolean delete(ExperimentKey key, long expectedVersion);
}
