package dev.bunting.domain.environment;

import dev.bunting.domain.Checks;

import java.time.Instant;
import java.util.List;

/**
 * A deployment stage with its own flag configs.
 *
 * @param isProtected changes here need the admin role; a protected environment cannot be deleted
 */
public record Environment(EnvironmentKey key, String name, boolean isProtected, Instant createdAt) {

    public Environment {
        Checks.requirePresent("key", key);
        Checks.requireText("name", name, 200);
        Checks.requirePresent("created_at", createdAt);
    }

    /** The environments every installation starts with. */
    public static List<Environment> defaults(Instant at) {
        return List.of(
                new Environment(EnvironmentKey.DEVELOPMENT, "Development", false, at),
                new Environment(EnvironmentKey.STAGING, "Staging", false, at),
                new Environment(EnvironmentKey.PRODUCTION, "Production", true, at));
    }
}
