package dev.bunting.adapter.memory;

import dev.bunting.domain.port.PasswordStrength;
import java.util.List;
import java.util.Locale;

/**
 * A stand-in estimator for in-memory wiring, where nbvcxz's dictionaries would only slow tests down: a password scores
 * 0 when it contains the user's details or is made of fewer than {@value #MIN_DISTINCT} distinct characters
 * ({@code aaaaaaaaaaaa}, {@code 121212121212}), and 4 otherwise. It knows no common passwords or words, so it is no
 * substitute for the real estimator.
 */
public final class SimplePasswordStrength implements PasswordStrength {

    static final int MIN_DISTINCT = 6;

    @Override
    public int score(String password, List<String> userInputs) {
        String lower = password.toLowerCase(Locale.ROOT);
        boolean personal = userInputs.stream()
                .anyMatch(input -> !input.isBlank() && lower.contains(input.toLowerCase(Locale.ROOT)));
        return personal || password.codePoints().distinct().count() < MIN_DISTINCT ? 0 : 4;
    }
}
