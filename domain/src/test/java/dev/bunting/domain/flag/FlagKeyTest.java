package dev.bunting.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FlagKey: lowercase letters, digits, '-', '_', '.'; 1–100 characters; starts with a letter or digit; never a route word. */
class FlagKeyTest {

    private static void assertRejected(String key, String code) {
        assertThatThrownBy(() -> new FlagKey(key)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.violations()).hasSize(1);
            assertThat(e.violations().getFirst().field()).isEqualTo("key");
            assertThat(e.violations().getFirst().code()).isEqualTo(code);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"new-checkout", "dark_mode", "exp.pricing.2026", "a", "9", "2fa-enforced", "x-", "a..b"})
    void accepts_lowercase_letters_digits_and_punctuation_after_the_first_character(String key) {
        assertThat(new FlagKey(key).value()).isEqualTo(key);
        assertThat(new FlagKey(key)).hasToString(key);
    }

    @Test
    void accepts_exactly_one_hundred_characters() {
        assertThat(new FlagKey("a".repeat(100)).value()).hasSize(100);
    }

    @Test
    void rejects_one_hundred_and_one_characters() {
        assertRejected("a".repeat(101), "too_long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   "})
    void rejects_blank_keys(String key) {
        assertRejected(key, "required");
    }

    @Test
    void rejects_null() {
        assertRejected(null, "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-checkout", "_checkout", ".checkout"})
    void must_start_with_a_letter_or_digit(String key) {
        assertRejected(key, "invalid_format");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "New-Checkout",
                "new checkout",
                "new/checkout",
                "new:checkout",
                "checkout?x=1",
                "flag%20",
                "café",
                "ｆｕｌｌ",
                "a\nb",
                "a+b"
            })
    void rejects_characters_outside_the_allowed_set(String key) {
        assertRejected(key, "invalid_format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"health", "api", "admin", "evaluate", "ofrep", "openapi.json", "flags", "users"})
    void rejects_reserved_route_words(String key) {
        assertRejected(key, "reserved");
    }

    @Test
    void reserved_words_are_only_rejected_whole() {
        assertThat(new FlagKey("admin-panel").value()).isEqualTo("admin-panel");
        assertThat(new FlagKey("api2").value()).isEqualTo("api2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x'; drop table flags;--", "1 or 1=1", "x\"--", "flags;delete", "' or ''='"})
    void rejects_keys_that_look_like_sql_injection(String key) {
        assertRejected(key, "invalid_format");
    }
}
