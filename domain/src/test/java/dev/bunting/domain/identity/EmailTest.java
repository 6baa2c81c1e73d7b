package dev.bunting.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    @Test
    void an_email_is_kept_in_lower_case_so_sign_in_ignores_case() {
        assertThat(new Email("  Alice@Example.COM ").value()).isEqualTo("alice@example.com");
        assertThat(new Email("alice@example.com").domain()).isEqualTo("example.com");
    }

    @Test
    void an_email_is_compared_in_nfkc_case_folded_form() {
        assertThat(new Email("ＲＯＯＴ@ｅｘａｍｐｌｅ.ｃｏｍ")).isEqualTo(new Email("root@example.com"));
        assertThat(new Email("STRASSE@example.com")).isEqualTo(new Email("straße@example.com"));
        assertThat(new Email("ΣΊΣΥΦΟΣ@example.com")).isEqualTo(new Email("σίσυφος@example.com"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rооt@example.com",
                "rοοt@example.com",
                "r00t@example.com",
                "root@exаmple.com",
                "root@examp1e.com",
                "root@exarnple.com"
            })
    void a_lookalike_of_an_address_has_the_same_skeleton(String lookalike) {
        assertThat(new Email(lookalike)).isNotEqualTo(new Email("root@example.com"));
        assertThat(new Email(lookalike).skeleton()).isEqualTo(new Email("root@example.com").skeleton());
    }

    @Test
    void different_addresses_have_different_skeletons() {
        assertThat(new Email("rose@example.com").skeleton()).isNotEqualTo(new Email("root@example.com").skeleton());
        assertThat(new Email("rööt@example.com").skeleton()).isNotEqualTo(new Email("root@example.com").skeleton());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nul\u0000@example.com",
                "bell\u0007@example.com",
                "rtl\u202E@example.com",
                "zero\u200Bwidth@example.com",
                "next\u0085line@example.com"
            })
    void control_and_invisible_formatting_characters_are_refused(String hidden) {
        assertThatThrownBy(() -> new Email(hidden)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice",
                "alice@",
                "@example.com",
                "a@b@example.com",
                "alice@example",
                "alice@example.",
                "al ice@example.com",
                "alice@.com"
            })
    void a_malformed_email_is_refused(String malformed) {
        assertThatThrownBy(() -> new Email(malformed)).isInstanceOf(InvalidInputException.class);
    }
}
