package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;

/** A write would make a second experiment run on one flag in one environment; the transaction rolls back. */
public final class ExperimentAlreadyRunningException extends RuntimeException {

    public ExperimentAlreadyRunningException(FlagKey flag, EnvironmentKey environment) {
        super("another experiment runs on flag '" + flag + "' in '" + environment + "'; stop it first");
    }
}
