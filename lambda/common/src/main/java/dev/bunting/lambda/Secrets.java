package dev.bunting.lambda;

import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import java.time.Clock;
import java.util.function.Supplier;

/** The function's Secrets Manager reader, made on first need: a function given its secrets directly never makes one. */
final class Secrets implements Supplier<SecretsManagerSecrets> {

    private volatile SecretsManagerSecrets made;

    static Supplier<SecretsManagerSecrets> fromProcessEnvironment() {
        return new Secrets();
    }

    @Override
    public SecretsManagerSecrets get() {
        SecretsManagerSecrets secrets = made;
        if (secrets == null) {
            synchronized (this) {
                secrets = made;
                if (secrets == null) {
                    secrets = SecretsManagerSecrets.fromEnvironment(System.getenv(), Clock.systemUTC());
                    made = secrets;
                }
            }
        }
        return secrets;
    }
}
