package dev.bunting.domain.environment;

import dev.bunting.domain.Checks;
import java.time.Instant;
import java.util.List;

/**
 * A deployment stage with its own flag configs.
 *
 * @param isProtected      changes here need the admin role; a protected environment cannot be deleted
 * @param publicEvaluation anyone may evaluate flags here without a key, as client-side code in development does;
 *                         otherwise evaluation needs an SDK key for this environment or an authenticated principal
 */
public record Environment(
        EnvironmentKey key, String name, boolean isProtected, boolean publicEvaluation, Instant createdAt) {

    public Environment {
        Checks.requirePresent("key", key);
        Checks.requireText("name", name, 200);
        Checks.requirePresent("created_at", createdAt);
    }

    /** The environments every installation starts with. */
    public static List<Environment> defaults(Instant at) {
        return List.of(
                new Environment(EnvironmentKey.DEVELOPMENT, "Development", false, true, at),
                new Environment(EnvironmentKey.STAGING, "Staging", false, true, at),
                new Environment(EnvironmentKey.PRODUCTION, "Production", true, false, at));
    }

    public Environment withSettings(String name, boolean isProtected, boolean publicEvaluation) {
        return new Environment(key, name, isProtected, publicEvaluation, createdAt);
    }
}
