package dev.bunting.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.secrets.FakeSecretsManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The functions' environment variables as template.yaml sets them: the database by endpoint, every secret by ARN in a
 * Secrets Manager (an in-process one), and Redis's URL when there is one. Only the TLS mode differs, since the test
 * database offers none.
 */
final class DeploymentEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
    static final String DATABASE_ARN = ARN + "bunting/db-AbCdEf";
    static final String JWT_ARN = ARN + "bunting/jwt-AbCdEf";
    static final String ADMIN_PASSWORD_ARN = ARN + "bunting/admin-AbCdEf";

    private DeploymentEnvironment() {}

    /** A Secrets Manager holding the database's login, the signing secret and the first admin's password. */
    static FakeSecretsManager secrets(DatabaseUrl database) throws IOException {
        FakeSecretsManager secrets = FakeSecretsManager.start();
        // a server on trust authentication ignores the password, which RDS's secrets always have
        secrets.put(
                DATABASE_ARN,
                json(Map.of(
                        "username",
                        database.user(),
                        "password",
                        database.password() == null ? "ignored-under-trust" : database.password(),
                        "engine",
                        "postgres")));
        secrets.put(JWT_ARN, TestSettings.SECRET);
        secrets.put(ADMIN_PASSWORD_ARN, FunctionProcess.PASSWORD);
        return secrets;
    }

    static Map<String, String> migration(DatabaseUrl database, FakeSecretsManager secrets) {
        Map<String, String> environment = common(database, secrets);
        environment.putAll(
                Map.of("BUNTING_ADMIN_EMAIL", FunctionProcess.ADMIN, "BUNTING_ADMIN_PASSWORD_ARN", ADMIN_PASSWORD_ARN));
        return environment;
    }

    static Map<String, String> api(DatabaseUrl database, FakeSecretsManager secrets, Optional<RedisSettings> redis) {
        Map<String, String> environment = common(database, secrets);
        environment.put("BUNTING_JWT_SECRET_ARN", JWT_ARN);
        redis.ifPresent(settings -> environment.putAll(
                Map.of("BUNTING_REDIS_URL", settings.url(), "BUNTING_REDIS_NAMESPACE", settings.namespace())));
        return environment;
    }

    private static Map<String, String> common(DatabaseUrl database, FakeSecretsManager secrets) {
        String hostAndName =
                database.jdbcUrl().substring("jdbc:postgresql://".length()).split("\\?")[0];
        int slash = hostAndName.indexOf('/');
        return new HashMap<>(Map.of(
                "BUNTING_DATABASE_ENDPOINT",
                hostAndName.substring(0, slash),
                "BUNTING_DATABASE_NAME",
                hostAndName.substring(slash + 1),
                "BUNTING_DATABASE_SECRET_ARN",
                DATABASE_ARN,
                "BUNTING_DATABASE_SSL_MODE",
                "disable",
                "BUNTING_SECRETS_ENDPOINT",
                secrets.endpoint().toString(),
                "AWS_ACCESS_KEY_ID",
                "AKIDFUNCTIONTEST",
                "AWS_SECRET_ACCESS_KEY",
                "fake-secret-access-key"));
    }

    private static String json(Map<String, String> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
