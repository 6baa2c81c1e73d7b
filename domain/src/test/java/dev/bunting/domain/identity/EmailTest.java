package dev.bunting.domain.identity;

import dev.bunting.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailTest {

    @Test
    void an_email_is_kept_in_lower_case_so_sign_in_ignores_case() {
        assertThat(new Email("  Alice@Example.COM ").value()).isEqualTo("alice@example.com");
        assertThat(new Email("alice@example.com").domain()).isEqualTo("example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@", "@example.com", "a@b@example.com", "alice@example", "alice@example.", "al ice@example.com", "alice@.com"})
    void a_malformed_email_is_refused(String malformed) {
        assertThatThrownBy(() -> new Email(malformed)).isInstanceOf(InvalidInputException.class);
    }
}
