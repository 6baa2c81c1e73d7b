package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.composition.EnvironmentVariables;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StoredSecretTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bunting/jwt-AbCdEf";
    private static final Supplier<SecretsManagerSecrets> NO_SECRETS_MANAGER = () -> {
        throw new AssertionError("a secret given directly is never looked up");
    };

    private static EnvironmentVariables environment(Map<String, String> variables) {
        return new EnvironmentVariables(variables);
    }

    @Test
    void a_secret_is_given_directly_or_named_by_arn_or_absent() {
        assertThat(StoredSecret.fromEnvironment(
                        environment(Map.of("BUNTING_JWT_SECRET", "s3cret")), "BUNTING_JWT_SECRET"))
                .contains(new StoredSecret.Given("s3cret"));
        assertThat(StoredSecret.fromEnvironment(
                        environment(Map.of("BUNTING_JWT_SECRET_ARN", ARN)), "BUNTING_JWT_SECRET"))
                .contains(new StoredSecret.InSecretsManager(ARN));
        assertThat(StoredSecret.fromEnvironment(environment(Map.of()), "BUNTING_JWT_SECRET"))
                .isEmpty();
    }

    @Test
    void a_secret_given_both_ways_is_refused_by_name() {
        assertThatThrownBy(() -> StoredSecret.fromEnvironment(
                        environment(Map.of("BUNTING_JWT_SECRET", "s3cret", "BUNTING_JWT_SECRET_ARN", ARN)),
                        "BUNTING_JWT_SECRET"))
                .hasMessage("set either BUNTING_JWT_SECRET or BUNTING_JWT_SECRET_ARN, not both");
    }

    @Test
    void a_given_secret_is_its_own_value_hidden_from_its_description_and_too_short_is_refused_without_it() {
        StoredSecret secret = new StoredSecret.Given("s3cret");

        assertThat(secret.value(NO_SECRETS_MANAGER)).isEqualTo("s3cret");
        assertThat(secret.bytes(NO_SECRETS_MANAGER, "BUNTING_JWT_SECRET", 6))
                .isEqualTo("s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(secret).hasToString("Given[hidden]");
        assertThatThrownBy(() -> secret.bytes(NO_SECRETS_MANAGER, "BUNTING_JWT_SECRET", 32))
                .hasMessage("BUNTING_JWT_SECRET must be at least 32 bytes, was 6");
    }
}
