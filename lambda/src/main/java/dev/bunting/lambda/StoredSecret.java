package dev.bunting.lambda;

import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.composition.EnvironmentVariables;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A secret a function reads as it runs: from Secrets Manager by ARN, which is how a deployment gives it, or from the
 * variable itself, for development and tests.
 */
sealed interface StoredSecret {

    /** The secret's text now; one in Secrets Manager is read through {@code secrets}, which caches it for a while. */
    String value(Supplier<SecretsManagerSecrets> secrets);

    record Given(String value) implements StoredSecret {
        @Override
        public String value(Supplier<SecretsManagerSecrets> secrets) {
            return value;
        }

        @Override
        public String toString() {
            return "Given[hidden]";
        }
    }

    record InSecretsManager(String arn) implements StoredSecret {
        @Override
        public String value(Supplier<SecretsManagerSecrets> secrets) {
            return secrets.get().value(arn);
        }
    }

    /** {@code <name>_ARN} names the secret in Secrets Manager; {@code <name>} holds it, for development. Setting both is a mistake. */
    static Optional<StoredSecret> fromEnvironment(EnvironmentVariables environment, String name) {
        String value = environment.text(name);
        String arn = environment.text(name + "_ARN");
        if (value != null && arn != null) {
            throw new IllegalStateException("set either " + name + " or " + name + "_ARN, not both");
        }
        if (arn != null) {
            return Optional.of(new InSecretsManager(arn));
        }
        return Optional.ofNullable(value).map(Given::new);
    }

    /** The secret's bytes, refused if shorter than {@code minimumBytes}, without saying what it is. */
    default byte[] bytes(Supplier<SecretsManagerSecrets> secrets, String name, int minimumBytes) {
        byte[] bytes = value(secrets).getBytes(StandardCharsets.UTF_8);
        if (bytes.length < minimumBytes) {
            throw new IllegalStateException(name + " must be at least " + minimumBytes + " bytes, was " + bytes.length);
        }
        return bytes;
    }
}
