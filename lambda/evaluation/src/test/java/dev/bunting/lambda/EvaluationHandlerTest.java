package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EvaluationHandlerTest {

    private static final LambdaSettings SETTINGS = LambdaSettings.fromEnvironment(Map.of(
            "BUNTING_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/bunting?user=bunting",
            "BUNTING_JWT_SECRET", "a token-signing secret of 32+ bytes"));

    private static final Supplier<SecretsManagerSecrets> NO_SECRETS_MANAGER = () -> {
        throw new AssertionError("nothing in this test is kept in Secrets Manager");
    };

    @Test
    void the_evaluation_function_serves_evaluation_the_sdks_and_their_events_and_nothing_that_signs_in_or_manages() {
        EvaluationHandler handler = new EvaluationHandler(SETTINGS, NO_SECRETS_MANAGER);

        assertThat(handler.routes())
                .contains("GET /evaluate/{key}", "POST /ofrep/v1/evaluate/flags", "GET /sdk/flags")
                .allSatisfy(route -> assertThat(route).matches("[A-Z]+ /(evaluate|ofrep|sdk|events)\\b.*"));
        assertThat(handler.holdsConnections()).isFalse();
    }
}
