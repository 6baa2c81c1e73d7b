package dev.bunting.domain.port;

/** Draws the random part of key secrets from a cryptographically strong source. */
@FunctionalInterface
public interface SecretGenerator {

    /** @return {@code length} URL-safe characters (letters, digits, '-' and '_'), each carrying 6 bits of entropy */
    String randomText(int length);
}
