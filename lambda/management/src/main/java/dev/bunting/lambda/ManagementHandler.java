package dev.bunting.lambda;

import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import java.util.function.Supplier;

/** The management function: every route but evaluation's, signing in included. */
public final class ManagementHandler extends ApiGatewayHandler {

    /** Called by the Lambda runtime. */
    public ManagementHandler() {
        this(LambdaSettings.fromEnvironment(System.getenv()), Secrets.fromProcessEnvironment());
        registerForSnapStart();
    }

    ManagementHandler(LambdaSettings settings, Supplier<SecretsManagerSecrets> secrets) {
        super(
                settings,
                secrets,
                (s, store, measurements, shared, signingSecret) -> DaggerManagementComponent.factory()
                        .create(s, store, measurements, shared, signingSecret)
                        .served());
    }
}
