package dev.bunting.adapter.argon2;

/**
 * Cost of one Argon2id hash: memory in KiB, passes over it, and lanes. Limits are those of the reference
 * implementation (RFC 9106 §3.1): at least one pass and one lane, and at least 8 KiB of memory per lane.
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {

    /** OWASP Password Storage Cheat Sheet, Argon2id option 2: 19 MiB, 2 passes, 1 lane. */
    public static final Argon2Parameters OWASP = new Argon2Parameters(19_456, 2, 1);

    private static final int MAX_PARALLELISM = (1 << 24) - 1;

    public Argon2Parameters {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException(
                    "parallelism must be between 1 and " + MAX_PARALLELISM + ", was " + parallelism);
        }
        if (memoryKib < 8 * parallelism) {
            throw new IllegalArgumentException(
                    "memoryKib must be at least 8 per lane (" + 8 * parallelism + "), was " + memoryKib);
        }
    }
}
