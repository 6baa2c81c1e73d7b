package dev.bunting.lambda;

import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.KeyRateLimit;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.RuntimeSettings;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.RegistrationPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * An API function's configuration, read from its environment variables in this one place. Secrets are named by ARN and
 * read as needed (see {@link StoredSecret}); none is read here.
 *
 * @param database     where the store lives and how to sign in ({@link DatabaseSettings})
 * @param poolSize     connections per execution environment; one request runs at a time in each, so a few suffice
 * @param maxBodyBytes larger request bodies get 413
 * @param jwtSecret    the token-signing secret (BUNTING_JWT_SECRET_ARN, or BUNTING_JWT_SECRET); required, since a
 *                     function must not invent one per instance
 * @param registration who may open an account (BUNTING_REGISTRATION)
 * @param signInLimits failed sign-ins allowed per account and per address (BUNTING_LOGIN_MAX_FAILURES within
 *                     BUNTING_LOGIN_WINDOW_SECONDS)
 * @param redis        where failed sign-ins are counted and flag configs cached, shared by every execution environment
 *                     (BUNTING_REDIS_URL); when empty, each environment counts its own, which multiplies the allowance
 *                     by their number, and caches its own, so that a write shows elsewhere only after the time to live;
 *                     its keys start with BUNTING_REDIS_NAMESPACE ({@value RedisSettings#NAMESPACE} unless set), so
 *                     installations can share a server
 * @param redisAuth    the password Redis asks for, if any (BUNTING_REDIS_AUTH_ARN, or BUNTING_REDIS_AUTH): an
 *                     ElastiCache AUTH token
 * @param keyRateLimit evaluation requests allowed per key, in each execution environment (BUNTING_KEY_RATE_LIMIT, BUNTING_KEY_RATE_BURST)
 * @param configCache  how long flag configs are cached at most (BUNTING_CACHE_TTL_SECONDS)
 * @param measurement  a runtime frozen between invocations: each one flushes what it measured before it answers
 *                     ({@link MeasurementSettings#forFrozenRuntime})
 */
record LambdaSettings(
        DatabaseSettings database,
        int poolSize,
        int maxBodyBytes,
        StoredSecret jwtSecret,
        RegistrationPolicy registration,
        SignInLimits signInLimits,
        Optional<RedisSettings> redis,
        Optional<StoredSecret> redisAuth,
        KeyRateLimit keyRateLimit,
        ConfigCacheSettings configCache,
        MeasurementSettings measurement)
        implements RuntimeSettings {

    static final String POOL_SIZE = "BUNTING_DB_POOL_SIZE";
    static final String MAX_BODY_BYTES = "BUNTING_MAX_BODY_BYTES";
    static final String JWT_SECRET = "BUNTING_JWT_SECRET";
    static final int MIN_JWT_SECRET_BYTES = 32;
    static final String REDIS_URL = "BUNTING_REDIS_URL";
    static final String REDIS_AUTH = "BUNTING_REDIS_AUTH";
    static final String REDIS_NAMESPACE = "BUNTING_REDIS_NAMESPACE";

    LambdaSettings {
        if (database == null) {
            throw new IllegalArgumentException("the database is required");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException(POOL_SIZE + " must be at least 1, not " + poolSize);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException(MAX_BODY_BYTES + " must be at least 1, not " + maxBodyBytes);
        }
        if (jwtSecret == null) {
            throw new IllegalStateException(
                    JWT_SECRET + "_ARN is not set; name a Secrets Manager secret of at least " + MIN_JWT_SECRET_BYTES
                            + " bytes that signs tokens (or set " + JWT_SECRET + " itself, for development)");
        }
        if (jwtSecret instanceof StoredSecret.Given given) {
            // a secret given directly can be checked now; one in Secrets Manager is checked when first read
            given.bytes(() -> null, JWT_SECRET, MIN_JWT_SECRET_BYTES);
        }
        if (redisAuth.isPresent() && redis.isEmpty()) {
            throw new IllegalStateException(REDIS_AUTH + " is set but " + REDIS_URL + " is not");
        }
    }

    static LambdaSettings fromEnvironment(Map<String, String> variables) {
        EnvironmentVariables environment = new EnvironmentVariables(variables);
        return new LambdaSettings(
                DatabaseSettings.fromEnvironment(environment),
                environment.integer(POOL_SIZE, 2),
                environment.integer(MAX_BODY_BYTES, ApiSettings.DEFAULT_MAX_BODY_BYTES),
                StoredSecret.fromEnvironment(environment, JWT_SECRET).orElse(null),
                RegistrationPolicy.parse("BUNTING_REGISTRATION", environment.text("BUNTING_REGISTRATION")),
                SignInLimits.fromEnvironment(environment),
                Optional.ofNullable(environment.text(REDIS_URL))
                        .map(url -> parseRedisUrl(
                                url,
                                Optional.ofNullable(environment.text(REDIS_NAMESPACE))
                                        .orElse(RedisSettings.NAMESPACE))),
                StoredSecret.fromEnvironment(environment, REDIS_AUTH),
                KeyRateLimit.fromEnvironment(environment),
                ConfigCacheSettings.fromEnvironment(environment),
                MeasurementSettings.forFrozenRuntime(environment));
    }

    private static RedisSettings parseRedisUrl(String url, String namespace) {
        try {
            return new RedisSettings(url, namespace);
        } catch (IllegalArgumentException e) {
            // RedisSettings' messages never quote the URL, which may hold a password
            throw new IllegalStateException(REDIS_URL + " is not usable: " + e.getMessage(), e);
        }
    }
}
