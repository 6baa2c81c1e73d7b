package dev.bunting.composition;

import java.time.Duration;

/**
 * How many failed sign-ins an account, or a source address, may have within a sliding window before it must wait.
 *
 * @param maxFailures failures allowed within the window (BUNTING_LOGIN_MAX_FAILURES)
 * @param window      how long a failure counts (BUNTING_LOGIN_WINDOW_SECONDS), in whole seconds
 */
public record SignInLimits(int maxFailures, Duration window) {

    static final String MAX_FAILURES = "BUNTING_LOGIN_MAX_FAILURES";
    static final String WINDOW_SECONDS = "BUNTING_LOGIN_WINDOW_SECONDS";

    /** Ten failures within 15 minutes: generous for people, slow for guessing. */
    public static final SignInLimits STANDARD = new SignInLimits(10, Duration.ofMinutes(15));

    public SignInLimits {
        if (maxFailures < 1) {
            throw new IllegalArgumentException(MAX_FAILURES + " must be at least 1, not " + maxFailures);
        }
        if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.getNano() != 0) {
            throw new IllegalArgumentException(
                    WINDOW_SECONDS + " must be a whole number of seconds, at least 1, not " + window);
        }
    }

    /** The limits the environment sets, {@link #STANDARD} for what it leaves unset. */
    public static SignInLimits fromEnvironment(EnvironmentVariables environment) {
        return new SignInLimits(
                environment.integer(MAX_FAILURES, STANDARD.maxFailures()),
                Duration.ofSeconds(environment.integer(
                        WINDOW_SECONDS, (int) STANDARD.window().toSeconds())));
    }
}
