package dev.bunting.adapter.jwt;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link JwtTokenIssuer} signs tokens and {@link JwtTokenVerifier} checks them. An instance that exists is valid;
 * the secret is copied in and out, so no caller can change it afterwards, and {@link #toString()} never shows it.
 *
 * @param secret   the HS256 key, at least {@value #MIN_SECRET_BYTES} bytes (256 bits, the size of the HMAC-SHA256 output)
 * @param issuer   written to and required in the {@code iss} claim
 * @param audience written to and required in the {@code aud} claim
 * @param lifetime from issue to expiry, in whole seconds (JWT times have no finer unit)
 * @param leeway   how long after {@code exp} a token is still accepted, to absorb clock skew between instances; whole
 *                 seconds, at most {@link #MAX_LEEWAY}
 */
public record JwtSettings(byte[] secret, String issuer, String audience, Duration lifetime, Duration leeway) {

    public static final int MIN_SECRET_BYTES = 32;
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    public static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

    public JwtSettings {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            int length = secret == null ? 0 : secret.length;
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) for HS256, was " + length + " bytes");
        }
        secret = secret.clone();
        requireText("issuer", issuer);
        requireText("audience", audience);
        if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.getNano() != 0) {
            throw new IllegalArgumentException(
                    "the JWT lifetime must be a positive whole number of seconds, was " + lifetime);
        }
        if (leeway == null || leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0 || leeway.getNano() != 0) {
            throw new IllegalArgumentException("the JWT leeway must be a whole number of seconds between 0 and "
                    + MAX_LEEWAY.toSeconds() + ", was " + leeway);
        }
    }

    /** Settings with the default lifetime (one hour) and leeway. */
    public JwtSettings(byte[] secret, String issuer, String audience) {
        this(secret, issuer, audience, DEFAULT_LIFETIME, DEFAULT_LEEWAY);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the JWT " + name + " is required");
        }
    }

    /** @return a copy of the secret */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JwtSettings that
                && MessageDigest.isEqual(secret, that.secret)
                && issuer.equals(that.issuer)
                && audience.equals(that.audience)
                && lifetime.equals(that.lifetime)
                && leeway.equals(that.leeway);
    }

    @Override
    public int hashCode() {
        // the secret is left out, so the hash tells nothing about it
        return Objects.hash(issuer, audience, lifetime, leeway);
    }

    @Override
    public String toString() {
        return "JwtSettings[secret=hidden, issuer=" + issuer + ", audience=" + audience + ", lifetime=" + lifetime
                + ", leeway=" + leeway + "]";
    }
}
