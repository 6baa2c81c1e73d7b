package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;

/** A write would make a second experiment run on one flag in one environment; the transaction rolls back. */
public final class ExperimentAlreadyRunningException extends RuntimeException {

    private final String reason;

    public ExperimentAlreadyRunningException(FlagKey flag, EnvironmentKey environment) {
        this("another experiment runs on flag '" + flag + "' in '" + environment + "'; stop it first");
    }

    private ExperimentAlreadyRunningException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** Why the write was refused, for the caller. */
    public String reason() {
        return reason;
    }
}
