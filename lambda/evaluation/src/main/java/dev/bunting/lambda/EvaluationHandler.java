package dev.bunting.lambda;

import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import java.util.function.Supplier;

/**
 * The evaluation function: {@code /evaluate}, OFREP and {@code /sdk}, the hot public path. Its graph has no password
 * hashing, no token issuing and no schema migration, so it loads none of Argon2, JWT creation or Flyway.
 */
public final class EvaluationHandler extends ApiGatewayHandler {

    /** Called by the Lambda runtime. */
    public EvaluationHandler() {
        this(LambdaSettings.fromEnvironment(System.getenv()), Secrets.fromProcessEnvironment());
        registerForSnapStart();
    }

    EvaluationHandler(LambdaSettings settings, Supplier<SecretsManagerSecrets> secrets) {
        super(
                settings,
                secrets,
                (s, store, measurements, shared, signingSecret) -> DaggerEvaluationComponent.factory()
                        .create(s, store, measurements, shared, signingSecret)
                        .served());
    }
}
