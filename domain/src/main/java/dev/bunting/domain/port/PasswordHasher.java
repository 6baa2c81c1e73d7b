package dev.bunting.domain.port;

import dev.bunting.domain.identity.PasswordHash;

/** Hashes and checks passwords with a slow, salted, memory-hard function whose parameters travel with each hash. */
public interface PasswordHasher {

    PasswordHash hash(String password);

    /** Compares in time independent of where a mismatch is; a malformed hash simply does not match. */
    boolean matches(PasswordHash hash, String password);

    /** Whether {@code hash} was made with other parameters than today's, so it should be replaced at the next sign-in. */
    boolean needsRehash(PasswordHash hash);
}
