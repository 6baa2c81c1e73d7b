package dev.bunting.adapter.memory;

import dev.bunting.domain.port.SecretGenerator;
import java.security.SecureRandom;

/**
 * Key secrets from the platform's strong random source. The source is created on first use, so no seeded state is
 * taken into a Lambda SnapStart snapshot.
 */
public final class SecureRandomSecretGenerator implements SecretGenerator {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private volatile SecureRandom random;

    @Override
    public String randomText(int length) {
        SecureRandom source = source();
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = ALPHABET[source.nextInt(ALPHABET.length)];
        }
        return new String(text);
    }

    private SecureRandom source() {
        SecureRandom current = random;
        if (current == null) {
            synchronized (this) {
                if (random == null) {
                    random = new SecureRandom();
                }
                current = random;
            }
        }
        return current;
    }
}
