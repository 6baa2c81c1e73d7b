package dev.bunting.domain.evaluation;

import java.util.function.Predicate;

/**
 * Compiles the patterns of {@code matches} clauses. Patterns and inputs both come from users, so implementations must
 * run in linear time (RE2 semantics), never backtrack.
 */
@FunctionalInterface
public interface RegexEngine {

    /**
     * @return a test that holds when the pattern matches anywhere in its input
     * @throws IllegalArgumentException when the pattern does not parse
     */
    Predicate<String> compile(String pattern);
}
