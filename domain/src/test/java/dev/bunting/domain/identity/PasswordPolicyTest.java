package dev.bunting.domain.identity;

import dev.bunting.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.standard();

    @Test
    void ships_the_thousand_most_common_passwords() {
        assertThat(policy.commonPasswordCount()).isEqualTo(1000);
    }

    @Test
    void a_password_shorter_than_twelve_characters_is_refused() {
        assertThatThrownBy(() -> policy.check("password", "elevenchars"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("password");
                    assertThat(e.violations().getFirst().code()).isEqualTo("too_short");
                });
    }

    @Test
    void a_common_password_long_enough_to_pass_the_length_rule_is_still_refused_whatever_its_case() {
        for (String common : new String[] {"123qweasdzxc", "1QAZ2WSX3EDC"}) {
            assertThatThrownBy(() -> policy.check("password", common))
                    .as(common)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().code()).isEqualTo("too_common"));
        }
    }

    @Test
    void a_long_uncommon_password_is_accepted() {
        assertThatCode(() -> policy.check("password", "correct horse battery staple")).doesNotThrowAnyException();
    }

    @Test
    void an_absurdly_long_password_is_refused_before_it_reaches_the_hasher() {
        assertThatThrownBy(() -> policy.check("password", "x".repeat(PasswordPolicy.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().code()).isEqualTo("too_long"));
    }
}
