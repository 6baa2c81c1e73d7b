package dev.bunting.lambda;

import static dev.bunting.lambda.FunctionProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import dev.bunting.adapter.secrets.FakeSecretsManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The functions as template.yaml configures them, each from its own jar: the database named by endpoint, its login, the
 * signing secret and the first admin's password named by ARN and read from Secrets Manager (an in-process one, through
 * the real AWS SDK) as they are first needed, never from the environment; and Redis, through Jedis, so that a write on
 * the management function shows at once on an evaluation function that has the environment cached.
 */
class SecretsManagerFunctionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE_ARN = DeploymentEnvironment.DATABASE_ARN;
    private static final String ADMIN_PASSWORD_ARN = DeploymentEnvironment.ADMIN_PASSWORD_ARN;

    @Test
    void each_function_reads_only_the_secrets_it_needs_when_it_first_needs_them_and_shares_configs_through_redis()
            throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        RedisSettings redis = TestRedis.freshNamespace();
        try (FakeSecretsManager secrets = DeploymentEnvironment.secrets(database)) {
            try (FunctionProcess migration = FunctionProcess.start(
                    FunctionProcess.MIGRATION, DeploymentEnvironment.migration(database, secrets), List.of())) {
                assertThat(JSON.readTree(migration.invoke("{}"))
                                .path("first_admin")
                                .asText())
                        .isEqualTo("created");
            }
            assertThat(secrets_read(secrets)).containsOnly(DATABASE_ARN, ADMIN_PASSWORD_ARN);

            Map<String, String> apiSettings = DeploymentEnvironment.api(database, secrets, Optional.of(redis));
            try (FunctionProcess evaluation =
                            FunctionProcess.start(FunctionProcess.EVALUATION, apiSettings, List.of());
                    FunctionProcess management =
                            FunctionProcess.start(FunctionProcess.MANAGEMENT, apiSettings, List.of())) {
                int before = secrets.requestCount();
                JsonNode anonymous = JSON.readTree(evaluation.invoke(
                        request("GET", "/evaluate/missing", "environment_key=development&user_id=a", null, Map.of())));
                assertThat(anonymous.path("statusCode").asInt()).isEqualTo(404);
                assertThat(secretsReadSince(secrets, before))
                        .as("an anonymous evaluation needs the database, not the signing secret")
                        .containsOnly(DATABASE_ARN);

                JsonNode signIn = JSON.readTree(management.invoke(FunctionProcess.signIn()));
                assertThat(signIn.path("statusCode").asInt()).isEqualTo(200);
                String token = JSON.readTree(signIn.path("body").asText())
                        .path("access_token")
                        .asText();
                JsonNode withToken = JSON.readTree(evaluation.invoke(request(
                        "GET",
                        "/evaluate/missing",
                        "environment_key=production&user_id=a",
                        null,
                        Map.of("authorization", "Bearer " + token))));
                assertThat(withToken.path("statusCode").asInt())
                        .as("a token the management function signed verifies on the evaluation function: %s", withToken)
                        .isEqualTo(404);
                assertThat(secrets.requests())
                        .allSatisfy(
                                request -> assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256"));

                Map<String, String> admin = Map.of("authorization", "Bearer " + token);
                management.invoke(request("POST", "/flags", "", "{\"key\":\"shared-flag\"}", admin));
                JsonNode toggled = JSON.readTree(management.invoke(request(
                        "PATCH",
                        "/flags/shared-flag/environments/development/toggle",
                        "",
                        "{\"enabled\":true}",
                        admin)));
                assertThat(toggled.path("statusCode").asInt()).isEqualTo(200);
                JsonNode evaluated = JSON.readTree(evaluation.invoke(request(
                        "GET", "/evaluate/shared-flag", "environment_key=development&user_id=a", null, Map.of())));
                assertThat(JSON.readTree(evaluated.path("body").asText())
                                .path("value")
                                .asBoolean())
                        .as("the change, through Redis, on a function that cached development before it: %s", evaluated)
                        .isTrue();
                assertThat(TestRedis.keyCount(redis))
                        .as("what the functions keep in Redis")
                        .isPositive();
            }
        } finally {
            TestDatabase.drop(database);
            TestRedis.deleteNamespace(redis);
        }
    }

    private static List<String> secrets_read(FakeSecretsManager secrets) {
        return secretsReadSince(secrets, 0);
    }

    private static List<String> secretsReadSince(FakeSecretsManager secrets, int from) {
        List<FakeSecretsManager.Request> requests = secrets.requests();
        return requests.subList(from, requests.size()).stream()
                .map(FakeSecretsManager.Request::secretId)
                .toList();
    }
}
