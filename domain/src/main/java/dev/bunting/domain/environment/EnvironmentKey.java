package dev.bunting.domain.environment;

import dev.bunting.domain.Checks;

/** An environment's identifier: lowercase letters, digits, '-', '_', '.'; 1–50 characters. */
public record EnvironmentKey(String value) {

    public static final EnvironmentKey DEVELOPMENT = new EnvironmentKey("development");
    public static final EnvironmentKey STAGING = new EnvironmentKey("staging");
    public static final EnvironmentKey PRODUCTION = new EnvironmentKey("production");

    public EnvironmentKey {
        Checks.requireIdentifier("key", value, 50, false);
    }

    @Override
    public String toString() {
        return value;
    }
}
