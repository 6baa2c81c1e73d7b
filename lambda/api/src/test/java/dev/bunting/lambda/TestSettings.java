package dev.bunting.lambda;

import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.KeyRateLimit;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.RegistrationPolicy;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Settings as a deployment would have them, with every secret given directly. */
final class TestSettings {

    /** The token-signing secret these tests' functions are given. */
    static final String SECRET = "a token-signing secret of 32+ bytes";

    /** These tests give every secret directly; reading one from Secrets Manager would be a defect. */
    static final Supplier<SecretsManagerSecrets> NO_SECRETS_MANAGER = () -> {
        throw new AssertionError("nothing in this test is kept in Secrets Manager");
    };

    private TestSettings() {}

    static LambdaSettings settings(DatabaseUrl database, Optional<RedisSettings> redis) {
        return new LambdaSettings(
                new DatabaseSettings.WithLogin(database),
                2,
                ApiSettings.DEFAULT_MAX_BODY_BYTES,
                new StoredSecret.Given(SECRET),
                RegistrationPolicy.OPEN,
                SignInLimits.STANDARD,
                redis,
                Optional.empty(),
                KeyRateLimit.OFF,
                ConfigCacheSettings.STANDARD,
                MeasurementSettings.forFrozenRuntime(new EnvironmentVariables(Map.of())));
    }
}
