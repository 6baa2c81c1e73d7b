package dev.bunting.domain.identity;

import dev.bunting.domain.Checks;

/**
 * A password hash in its self-describing encoded form (for Argon2id, the PHC string with its parameters), so hashes
 * made with older parameters can be recognised and replaced at the next sign-in. Never logged: toString hides it.
 */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Checks.requireText("password_hash", encoded, 512);
    }

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
