package dev.bunting.domain.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret text of a key, as shown once to its creator: {@code bnt_<tag>_<random>}. Only its {@link #prefix() prefix}
 * (for finding the key and showing it in lists) and its SHA-256 {@link #digest() digest} are stored. A plain hash is
 * enough, unlike for passwords, because the random part carries {@value #RANDOM_LENGTH} characters of entropy that no
 * dictionary can guess.
 */
public record KeySecret(String text) {

    static final String MARK = "bnt_";
    /** Characters of the random part; at 6 bits each, 240 bits. */
    public static final int RANDOM_LENGTH = 40;
    /** Characters of the random part kept in the prefix: enough to tell keys apart in a list and to find one. */
    private static final int RANDOM_IN_PREFIX = 8;

    @Override
    public String toString() {
        return prefix() + "…";
    }

    /** A new secret for {@code scope} around {@code random}, which must be {@value #RANDOM_LENGTH} URL-safe characters. */
    public static KeySecret of(KeyScope scope, String random) {
        if (random.length() != RANDOM_LENGTH || !random.chars().allMatch(KeySecret::isUrlSafe)) {
            throw new IllegalArgumentException("the random part must be " + RANDOM_LENGTH + " URL-safe characters");
        }
        return new KeySecret(MARK + scope.tag() + "_" + random);
    }

    /** Whether presented text has the shape of a key, as opposed to a token or anything else, without checking it. */
    public static boolean looksLikeKey(String presented) {
        return presented != null && presented.startsWith(MARK);
    }

    /**
     * Reads presented text as a key secret.
     *
     * @return empty when it cannot be a secret this installation issued
     */
    public static Optional<KeySecret> parse(String presented) {
        if (!looksLikeKey(presented)) {
            return Optional.empty();
        }
        int tagEnd = presented.indexOf('_', MARK.length());
        if (tagEnd < 0
                || presented.length() - tagEnd - 1 != RANDOM_LENGTH
                || !presented.substring(tagEnd + 1).chars().allMatch(KeySecret::isUrlSafe)) {
            return Optional.empty();
        }
        return Optional.of(new KeySecret(presented));
    }

    /** The part stored in clear: the tag and the start of the random part, such as {@code bnt_sdk_Xy3kP0qa}. */
    public String prefix() {
        int randomStart = text.indexOf('_', MARK.length()) + 1;
        return text.substring(0, randomStart + RANDOM_IN_PREFIX);
    }

    /** SHA-256 of the whole secret, in lower-case hex. */
    public String digest() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether two digests are equal, compared in time independent of where they differ. */
    public static boolean sameDigest(String digest, String storedDigest) {
        return MessageDigest.isEqual(
                digest.getBytes(StandardCharsets.US_ASCII), storedDigest.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isUrlSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
