package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void a_jdbc_url_has_its_credentials_taken_out_and_other_parameters_kept() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://db.internal:5433/bunting?user=app&sslmode=require&password=s3cret");

        assertThat(url)
                .isEqualTo(
                        new DatabaseUrl("jdbc:postgresql://db.internal:5433/bunting?sslmode=require", "app", "s3cret"));
    }

    @Test
    void a_jdbc_url_without_credentials_leaves_them_to_the_driver() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test", null, null));
        assertThat(DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "postgresql"})
    void a_libpq_url_becomes_a_jdbc_url_with_credentials(String scheme) {
        DatabaseUrl url = DatabaseUrl.parse(scheme + "://app:s3cret@db.internal:5433/bunting?sslmode=require");

        assertThat(url)
                .isEqualTo(
                        new DatabaseUrl("jdbc:postgresql://db.internal:5433/bunting?sslmode=require", "app", "s3cret"));
    }

    @Test
    void percent_encoded_credentials_are_decoded_and_a_plus_stays_a_plus() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40corp:p%3Ass%2Fw+rd@localhost/bunting");

        assertThat(url.user()).isEqualTo("app@corp");
        assertThat(url.password()).isEqualTo("p:ss/w+rd");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/bunting");
    }

    @Test
    void the_text_form_never_shows_the_password() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s3cret@localhost:5432/bunting");

        assertThat(url.toString()).doesNotContain("s3cret").contains("jdbc:postgresql://localhost:5432/bunting", "app");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "mysql://app@localhost/db",
                "jdbc:mysql://localhost/db",
                "localhost:5432/bunting",
                "postgres://localhost:5432",
                "postgres://localhost:5432/",
                "jdbc:postgresql://localhost:5432",
                "postgres://app:pw@/db"
            })
    void anything_else_is_rejected_with_an_explanation(String text) {
        assertThatThrownBy(() -> DatabaseUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .isNotBlank();
    }

    @Test
    void a_malformed_escape_in_the_credentials_does_not_echo_them() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:se%zzcret@localhost/bunting"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("se%zzcret")
                .hasMessageNotContaining("zzcret");
    }
}
