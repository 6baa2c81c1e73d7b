package dev.bunting.lambda;

import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.wiring.ConfigCacheSettings;
import dev.bunting.wiring.EnvironmentVariables;
import dev.bunting.wiring.KeyRateLimit;
import dev.bunting.wiring.SignInLimits;

import java.util.Map;
import java.util.Optional;

/**
 * The Lambda function's configuration, read from its environment variables in this one place.
 *
 * @param databaseUrl  where the store lives; its password never shows in {@link #toString()}
 * @param poolSize     connections per execution environment; one request runs at a time in each, so a few suffice
 * @param maxBodyBytes larger request bodies get 413
 * @param jwtSecret    the token-signing secret; required, since a function must not invent one per instance
 * @param registration who may open an account (BUNTING_REGISTRATION)
 * @param signInLimits failed sign-ins allowed per account and per address (BUNTING_LOGIN_MAX_FAILURES within
 *                     BUNTING_LOGIN_WINDOW_SECONDS)
 * @param redis        where failed sign-ins are counted and flag configs cached, shared by every execution environment
 *                     (BUNTING_REDIS_URL); when empty, each environment counts its own, which multiplies the allowance
 *                     by their number, and caches its own, so that a write shows elsewhere only after the time to live
 * @param keyRateLimit evaluation requests allowed per key, in each execution environment (BUNTING_KEY_RATE_LIMIT, BUNTING_KEY_RATE_BURST)
 * @param configCache  how long flag configs are cached at most (BUNTING_CACHE_TTL_SECONDS)
 */
record LambdaSettings(DatabaseUrl databaseUrl, int poolSize, int maxBodyBytes, byte[] jwtSecret, RegistrationPolicy registration,
                      SignInLimits signInLimits, Optional<RedisSettings> redis, KeyRateLimit keyRateLimit,
                      ConfigCacheSettings configCache) {

    static final String DATABASE_URL = "BUNTING_DATABASE_URL";
    static final String POOL_SIZE = "BUNTING_DB_POOL_SIZE";
    static final String MAX_BODY_BYTES = "BUNTING_MAX_BODY_BYTES";
    static final String JWT_SECRET = "BUNTING_JWT_SECRET";
    static final String REDIS_URL = "BUNTING_REDIS_URL";

    LambdaSettings {
        if (databaseUrl == null) {
            throw new IllegalArgumentException("a database URL is required");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException(POOL_SIZE + " must be at least 1, not " + poolSize);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException(MAX_BODY_BYTES + " must be at least 1, not " + maxBodyBytes);
        }
        if (jwtSecret == null || jwtSecret.length < 32) {
            throw new IllegalArgumentException(JWT_SECRET + " must be set to a secret of at least 32 bytes");
        }
    }

    static LambdaSettings fromEnvironment(Map<String, String> variables) {
        EnvironmentVariables environment = new EnvironmentVariables(variables);
        String url = environment.text(DATABASE_URL);
        if (url == null) {
            throw new IllegalStateException(DATABASE_URL + " is not set; give the function a PostgreSQL URL such as "
                    + "jdbc:postgresql://host:5432/bunting?user=bunting&password=... or postgres://user:password@host:5432/bunting");
        }
        return new LambdaSettings(
                parseDatabaseUrl(url),
                environment.integer(POOL_SIZE, 2),
                environment.integer(MAX_BODY_BYTES, ApiSettings.DEFAULT_MAX_BODY_BYTES),
                jwtSecret(environment.text(JWT_SECRET)),
                RegistrationPolicy.parse("BUNTING_REGISTRATION", environment.text("BUNTING_REGISTRATION")),
                SignInLimits.fromEnvironment(environment),
                Optional.ofNullable(environment.text(REDIS_URL)).map(LambdaSettings::parseRedisUrl),
                KeyRateLimit.fromEnvironment(environment),
                ConfigCacheSettings.fromEnvironment(environment));
    }

    private static byte[] jwtSecret(String secret) {
        if (secret == null) {
            throw new IllegalStateException(JWT_SECRET + " is not set; give the function a token-signing secret of at least 32 bytes");
        }
        return secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The secret never shows. */
    @Override
    public String toString() {
        return "LambdaSettings[databaseUrl=" + databaseUrl + ", poolSize=" + poolSize + ", maxBodyBytes=" + maxBodyBytes
                + ", jwtSecret=hidden, registration=" + registration + ", signInLimits=" + signInLimits + ", redis=" + redis + ", keyRateLimit=" + keyRateLimit
                + ", configCache=" + configCache + "]";
    }

    private static RedisSettings parseRedisUrl(String url) {
        try {
            return RedisSettings.parse(url);
        } catch (IllegalArgumentException e) {
            // RedisSettings' messages never quote the URL, which may hold a password
            throw new IllegalStateException(REDIS_URL + " is not usable: " + e.getMessage(), e);
        }
    }

    private static DatabaseUrl parseDatabaseUrl(String url) {
        try {
            return DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            // DatabaseUrl's messages never quote the URL, which may hold a password
            throw new IllegalStateException(DATABASE_URL + " is not usable: " + e.getMessage(), e);
        }
    }
}
