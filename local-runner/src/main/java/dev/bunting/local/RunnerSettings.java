package dev.bunting.local;

import dev.bunting.adapter.postgres.DatabaseUrl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The local runner's configuration, read from environment variables in this one place.
 *
 * @param databaseUrl     an external PostgreSQL; when empty, an embedded one runs on {@code dataDirectory}
 * @param dataDirectory   where the embedded PostgreSQL keeps its data
 * @param embeddedPort    the embedded PostgreSQL's port; 0 picks a free one
 */
record RunnerSettings(int port, Optional<DatabaseUrl> databaseUrl, Path dataDirectory, int embeddedPort, int databasePoolSize,
                      int maxBodyBytes, boolean requestLog) {

    static RunnerSettings fromEnvironment(Map<String, String> environment) {
        return new RunnerSettings(
                integer(environment, "BUNTING_PORT", 8080),
                Optional.ofNullable(environment.get("BUNTING_DATABASE_URL")).filter(url -> !url.isBlank()).map(DatabaseUrl::parse),
                Path.of(environment.getOrDefault("BUNTING_DATA_DIR", ".bunting"), "pg"),
                integer(environment, "BUNTING_EMBEDDED_DB_PORT", 0),
                integer(environment, "BUNTING_DB_POOL_SIZE", 16),
                integer(environment, "BUNTING_MAX_BODY_BYTES", 1024 * 1024),
                !"false".equalsIgnoreCase(environment.getOrDefault("BUNTING_REQUEST_LOG", "true")));
    }

    private static int integer(Map<String, String> environment, String name, int fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
