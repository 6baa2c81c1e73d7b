package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.secrets.FakeSecretsManager;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.bunting.lambda.FunctionProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions as template.yaml configures them: the database named by endpoint, its login, the signing secret and
 * the first admin's password named by ARN and read from Secrets Manager (an in-process one, through the real AWS SDK)
 * as they are first needed, never from the environment.
 */
class SecretsManagerFunctionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
    private static final String DATABASE_ARN = ARN + "bunting/db-AbCdEf";
    private static final String JWT_ARN = ARN + "bunting/jwt-AbCdEf";
    private static final String ADMIN_PASSWORD_ARN = ARN + "bunting/admin-AbCdEf";

    @Test
    void each_function_reads_only_the_secrets_it_needs_when_it_first_needs_them() throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (FakeSecretsManager secrets = FakeSecretsManager.start()) {
            // a server on trust authentication ignores the password, which RDS's secrets always have
            secrets.put(DATABASE_ARN, JSON.writeValueAsString(Map.of("username", database.user(), "password",
                    database.password() == null ? "ignored-under-trust" : database.password(), "engine", "postgres")));
            secrets.put(JWT_ARN, LambdaSettingsTest.SECRET);
            secrets.put(ADMIN_PASSWORD_ARN, FunctionProcess.PASSWORD);
            Map<String, String> common = common(database, secrets);

            Map<String, String> migrationSettings = new HashMap<>(common);
            migrationSettings.putAll(Map.of("BUNTING_ADMIN_EMAIL", FunctionProcess.ADMIN, "BUNTING_ADMIN_PASSWORD_ARN", ADMIN_PASSWORD_ARN));
            try (FunctionProcess migration = FunctionProcess.start(FunctionProcess.MIGRATION, migrationSettings, List.of())) {
                assertThat(JSON.readTree(migration.invoke("{}")).path("first_admin").asText()).isEqualTo("created");
            }
            assertThat(secretsRead(secrets)).containsOnly(DATABASE_ARN, ADMIN_PASSWORD_ARN);

            Map<String, String> apiSettings = new HashMap<>(common);
            apiSettings.put("BUNTING_JWT_SECRET_ARN", JWT_ARN);
            try (FunctionProcess evaluation = FunctionProcess.start(FunctionProcess.EVALUATION, apiSettings, List.of());
                 FunctionProcess management = FunctionProcess.start(FunctionProcess.MANAGEMENT, apiSettings, List.of())) {
                int before = secrets.requestCount();
                JsonNode anonymous = JSON.readTree(evaluation.invoke(request("GET", "/evaluate/missing", "environment_key=development&user_id=a", null, Map.of())));
                assertThat(anonymous.path("statusCode").asInt()).isEqualTo(404);
                assertThat(secretsReadSince(secrets, before)).as("an anonymous evaluation needs the database, not the signing secret")
                        .containsOnly(DATABASE_ARN);

                JsonNode signIn = JSON.readTree(management.invoke(FunctionProcess.signIn()));
                assertThat(signIn.path("statusCode").asInt()).isEqualTo(200);
                String token = JSON.readTree(signIn.path("body").asText()).path("access_token").asText();
                JsonNode withToken = JSON.readTree(evaluation.invoke(request("GET", "/evaluate/missing", "environment_key=production&user_id=a", null,
                        Map.of("authorization", "Bearer " + token))));
                assertThat(withToken.path("statusCode").asInt()).as("a token the management function signed verifies on the evaluation function: %s", withToken)
                        .isEqualTo(404);
                assertThat(secrets.requests()).allSatisfy(request -> assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256"));
            }
        } finally {
            TestDatabase.drop(database);
        }
    }

    /** What a deployment gives a function: the database by endpoint and secret, Secrets Manager's address and AWS's credentials. */
    private static Map<String, String> common(DatabaseUrl database, FakeSecretsManager secrets) {
        String hostAndName = database.jdbcUrl().substring("jdbc:postgresql://".length()).split("\\?")[0];
        int slash = hostAndName.indexOf('/');
        return Map.of("BUNTING_DATABASE_ENDPOINT", hostAndName.substring(0, slash), "BUNTING_DATABASE_NAME", hostAndName.substring(slash + 1),
                "BUNTING_DATABASE_SECRET_ARN", DATABASE_ARN, "BUNTING_DATABASE_SSL_MODE", "disable",
                "BUNTING_SECRETS_ENDPOINT", secrets.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "AKIDFUNCTIONTEST", "AWS_SECRET_ACCESS_KEY", "fake-secret-access-key");
    }

    private static List<String> secretsRead(FakeSecretsManager secrets) {
        return secretsReadSince(secrets, 0);
    }

    private static List<String> secretsReadSince(FakeSecretsManager secrets, int from) {
        List<FakeSecretsManager.Request> requests = secrets.requests();
        return requests.subList(from, requests.size()).stream().map(FakeSecretsManager.Request::secretId).toList();
    }
}
