package dev.bunting.domain.port;

import java.util.List;

/**
 * Estimates how hard a password is to guess for an attacker who tries common passwords, words, names, dates,
 * keyboard patterns, repetitions and the user's own details first. Scored as zxcvbn scores: 0 (too guessable, under
 * 10^3 guesses), 1 (under 10^6), 2 (under 10^8), 3 (under 10^10), 4 (10^10 guesses or more).
 */
public interface PasswordStrength {

    /** @param userInputs what an attacker aiming at this user knows (the email address), so a password built on it scores low */
    int score(String password, List<String> userInputs);
}
