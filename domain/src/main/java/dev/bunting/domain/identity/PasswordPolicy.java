package dev.bunting.domain.identity;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.port.PasswordStrength;
import java.util.List;

/**
 * What a new password must be: at least {@value #MIN_LENGTH} characters (NIST SP 800-63B's advice for passwords
 * without composition rules), and hard to guess: a {@link PasswordStrength} score of at least {@value #MIN_SCORE}, about
 * 10^8 guesses or more. Length alone lets {@code aaaaaaaaaaaa}, {@code password1234} and {@code Password123!} through;
 * an estimator that knows common passwords, words, patterns and the user's own address does not. Score 3 is zxcvbn's
 * "safely unguessable" for an online attack and, against Argon2id's cost per guess, for an offline one.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    public static final int MIN_SCORE = 3;

    private final PasswordStrength strength;

    public PasswordPolicy(PasswordStrength strength) {
        this.strength = strength;
    }

    /** @throws InvalidInputException naming {@code field} when the password is too short, too long or too easy to guess */
    public void check(String field, String password, Email owner) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw InvalidInputException.of(
                    field, "too_short", "a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw InvalidInputException.of(field, "too_long", "a password has at most " + MAX_LENGTH + " characters");
        }
        if (strength.score(
                        password,
                        List.of(
                                owner.value(),
                                owner.value().substring(0, owner.value().indexOf('@'))))
                < MIN_SCORE) {
            throw InvalidInputException.of(
                    field,
                    "too_weak",
                    "this password is too easy to guess (a common password, word, pattern or repetition, or your address); "
                            + "a few unrelated words make a strong one");
        }
    }
}
