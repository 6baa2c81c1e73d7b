package dev.bunting.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final Email OWNER = new Email("alice@example.com");
    private final List<List<String>> estimated = new ArrayList<>();
    private int score = 4;
    private final PasswordPolicy policy = new PasswordPolicy((password, userInputs) -> {
        estimated.add(userInputs);
        return score;
    });

    @Test
    void a_password_shorter_than_twelve_characters_is_refused() {
        assertThatThrownBy(() -> policy.check("password", "elevenchars", OWNER))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("password");
                    assertThat(e.violations().getFirst().code()).isEqualTo("too_short");
                });
    }

    @Test
    void a_password_scored_below_three_is_refused_as_too_weak() {
        score = PasswordPolicy.MIN_SCORE - 1;

        assertThatThrownBy(() -> policy.check("password", "password1234", OWNER))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().code()).isEqualTo("too_weak"));
    }

    @Test
    void a_long_password_scored_three_or_more_is_accepted_and_was_estimated_against_the_owners_address() {
        score = PasswordPolicy.MIN_SCORE;

        assertThatCode(() -> policy.check("password", "wobbly lanterns ferry sixty owls", OWNER))
                .doesNotThrowAnyException();
        assertThat(estimated).containsExactly(List.of("alice@example.com", "alice"));
    }

    @Test
    void an_absurdly_long_password_is_refused_before_it_reaches_the_estimator_or_the_hasher() {
        assertThatThrownBy(() -> policy.check("password", "x".repeat(PasswordPolicy.MAX_LENGTH + 1), OWNER))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().code()).isEqualTo("too_long"));
        assertThat(estimated).isEmpty();
    }
}
