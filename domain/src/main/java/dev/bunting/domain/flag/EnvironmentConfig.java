package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import dev.bunting.domain.environment.EnvironmentKey;
import java.time.Instant;

/**
 * A flag's config in one environment, with its own version for optimistic concurrency. Version 0 means the config was
 * never saved and is the flag's initial one.
 */
public record EnvironmentConfig(
        FlagKey flag, EnvironmentKey environment, FlagConfig config, long version, Instant updatedAt) {

    public EnvironmentConfig {
        Checks.requirePresent("flag", flag);
        Checks.requirePresent("environment", environment);
        Checks.requirePresent("config", config);
        Checks.requirePresent("updated_at", updatedAt);
    }

    public static EnvironmentConfig initial(Flag flag, EnvironmentKey environment) {
        return new EnvironmentConfig(flag.key(), environment, FlagConfig.initialFor(flag), 0, flag.createdAt());
    }

    public EnvironmentConfig next(FlagConfig newConfig, Instant at) {
        return new EnvironmentConfig(flag, environment, newConfig, version + 1, at);
    }
}
