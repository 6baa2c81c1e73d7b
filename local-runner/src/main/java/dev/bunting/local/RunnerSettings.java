package dev.bunting.local;

import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.KeyRateLimit;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.RuntimeSettings;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.RegistrationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The local runner's configuration, read from environment variables in this one place.
 *
 * @param databaseUrl     an external PostgreSQL; when empty, an embedded one runs on {@code dataDirectory}
 * @param dataDirectory   where the embedded PostgreSQL keeps its data
 * @param embeddedPort    the embedded PostgreSQL's port; 0 picks a free one
 * @param jwtSecret       the token-signing secret (BUNTING_JWT_SECRET, at least 32 bytes); when empty, a development
 *                        secret is kept in {@link #developmentSecretFile()}
 * @param admin           the first admin, created while there are no users (BUNTING_ADMIN_EMAIL, BUNTING_ADMIN_PASSWORD)
 * @param registration    who may open an account (BUNTING_REGISTRATION: open, closed, domains:a.com,b.org)
 * @param signInLimits    failed sign-ins allowed per account and per address (BUNTING_LOGIN_MAX_FAILURES within
 *                        BUNTING_LOGIN_WINDOW_SECONDS)
 * @param redis           where failed sign-ins are counted and flag configs cached, shared by every instance
 *                        (BUNTING_REDIS_URL); when empty, each process counts and caches its own
 * @param streamHeartbeat how often an event stream to SDKs with nothing to say sends a comment line, so that proxies
 *                        keep it open and a client that has gone is noticed (BUNTING_STREAM_HEARTBEAT_SECONDS, 15)
 * @param keyRateLimit    evaluation requests allowed per key (BUNTING_KEY_RATE_LIMIT, BUNTING_KEY_RATE_BURST); off by default
 * @param configCache     how long flag configs are cached at most (BUNTING_CACHE_TTL_SECONDS)
 * @param edge            timeouts and connection caps of the HTTP listener, and the browser origins allowed to call
 * @param measurement     a long-running server's: a timer flushes what evaluations measured
 *                        ({@link MeasurementSettings#forServer})
 */
record RunnerSettings(
        int port,
        Optional<DatabaseUrl> databaseUrl,
        Path dataDirectory,
        int embeddedPort,
        int databasePoolSize,
        int maxBodyBytes,
        boolean requestLog,
        Optional<byte[]> jwtSecret,
        Optional<FirstAdmin> admin,
        RegistrationPolicy registration,
        SignInLimits signInLimits,
        Optional<RedisSettings> redis,
        Duration streamHeartbeat,
        KeyRateLimit keyRateLimit,
        ConfigCacheSettings configCache,
        HttpEdge edge,
        MeasurementSettings measurement)
        implements RuntimeSettings {

    RunnerSettings {
        if (streamHeartbeat.isNegative() || streamHeartbeat.isZero()) {
            throw new IllegalStateException("BUNTING_STREAM_HEARTBEAT_SECONDS must be positive");
        }
    }

    record FirstAdmin(Email email, String password) {
        @Override
        public String toString() {
            return "FirstAdmin[" + email + "]";
        }
    }

    static RunnerSettings fromEnvironment(Map<String, String> variables) {
        EnvironmentVariables environment = new EnvironmentVariables(variables);
        return new RunnerSettings(
                environment.integer("BUNTING_PORT", 8080),
                Optional.ofNullable(environment.text("BUNTING_DATABASE_URL")).map(DatabaseUrl::parse),
                Path.of(
                        Optional.ofNullable(environment.text("BUNTING_DATA_DIR"))
                                .orElse(".bunting"),
                        "pg"),
                environment.integer("BUNTING_EMBEDDED_DB_PORT", 0),
                environment.integer("BUNTING_DB_POOL_SIZE", 16),
                environment.integer("BUNTING_MAX_BODY_BYTES", ApiSettings.DEFAULT_MAX_BODY_BYTES),
                !"false".equalsIgnoreCase(environment.text("BUNTING_REQUEST_LOG")),
                Optional.ofNullable(environment.text("BUNTING_JWT_SECRET"))
                        .map(secret -> secret.getBytes(StandardCharsets.UTF_8)),
                firstAdmin(environment.text("BUNTING_ADMIN_EMAIL"), environment.text("BUNTING_ADMIN_PASSWORD")),
                RegistrationPolicy.parse("BUNTING_REGISTRATION", environment.text("BUNTING_REGISTRATION")),
                SignInLimits.fromEnvironment(environment),
                Optional.ofNullable(environment.text("BUNTING_REDIS_URL")).map(RedisSettings::parse),
                Duration.ofSeconds(environment.integer("BUNTING_STREAM_HEARTBEAT_SECONDS", 15)),
                KeyRateLimit.fromEnvironment(environment),
                ConfigCacheSettings.fromEnvironment(environment),
                HttpEdge.fromEnvironment(environment),
                MeasurementSettings.forServer(environment));
    }

    private static Optional<FirstAdmin> firstAdmin(String email, String password) {
        if (email == null && password == null) {
            return Optional.empty();
        }
        if (email == null || password == null) {
            throw new IllegalStateException("set both BUNTING_ADMIN_EMAIL and BUNTING_ADMIN_PASSWORD, or neither");
        }
        return Optional.of(new FirstAdmin(new Email(email), password));
    }

    /** Beside the embedded database's directory, in the data directory. */
    Path developmentSecretFile() {
        return dataDirectory.toAbsolutePath().getParent().resolve("jwt-secret");
    }
}
