package dev.bunting.composition;

import java.util.Map;

/** Typed reads of environment variables for the runtimes' settings records; each failure names the variable. */
public final class EnvironmentVariables {

    private final Map<String, String> environment;

    public EnvironmentVariables(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The value, or null when it is unset or blank. */
    public String text(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public int integer(String name, int fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
