package dev.bunting.adapter.nbvcxz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NbvcxzPasswordStrengthTest {

    private static final Email OWNER = new Email("marguerite.dupont@example.com");
    private final PasswordPolicy policy = new PasswordPolicy(new NbvcxzPasswordStrength());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aaaaaaaaaaaa",
                "password1234",
                "123456789012",
                "Password123!",
                "qwertyuiopasdf",
                "correct horse battery staple",
                "marguerite.dupont1",
                "dupont.marguerite"
            })
    void a_long_enough_but_guessable_password_is_refused(String guessable) {
        assertThatThrownBy(() -> policy.check("password", guessable, OWNER))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().code()).isEqualTo("too_weak"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wobbly lanterns ferry sixty owls", "kT9#mQ2$vL8!", "my dog likes green tea"})
    void a_password_hard_to_guess_is_accepted(String strong) {
        assertThatCode(() -> policy.check("password", strong, OWNER)).doesNotThrowAnyException();
    }

    @Test
    void the_longest_password_allowed_is_estimated_too() {
        assertThatThrownBy(() -> policy.check("password", "x".repeat(PasswordPolicy.MAX_LENGTH), OWNER))
                .isInstanceOf(InvalidInputException.class);
    }
}
