package dev.bunting.domain.identity;

import dev.bunting.domain.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: at least {@value #MIN_LENGTH} characters (NIST SP 800-63B's advice for passwords
 * without composition rules) and not one of the most common passwords, which are the first that attackers try.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private static final String COMMON_PASSWORDS = "/dev/bunting/domain/identity/common-passwords.txt";

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The policy with the list of common passwords shipped with Bunting. */
    public static PasswordPolicy standard() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the build");
            }
            Set<String> common = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> common.add(line.toLowerCase(Locale.ROOT)));
            }
            return new PasswordPolicy(common);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int commonPasswordCount() {
        return common.size();
    }

    /** @throws InvalidInputException naming {@code field} when the password is too short, too long or too common */
    public void check(String field, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw InvalidInputException.of(field, "too_short", "a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw InvalidInputException.of(field, "too_long", "a password has at most " + MAX_LENGTH + " characters");
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            throw InvalidInputException.of(field, "too_common", "this password is among the most common ones; choose another");
        }
    }
}
