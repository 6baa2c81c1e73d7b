package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void aJdbcUrlHasItsCredentialsTakenOutAndOtherParametersKept() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://db.internal:5433/bunting?user=app&sslmode=require&password=s3cret");

        assertThat(url)
                .isEqualTo(
                        new DatabaseUrl("jdbc:postgresql://db.internal:5433/bunting?sslmode=require", "app", "s3cret"));
    }

    @Test
    void aJdbcUrlWithoutCredentialsLeavesThemToTheDriver() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test", null, null));
        assertThat(DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "postgresql"})
    void aLibpqUrlBecomesAJdbcUrlWithCredentials(String scheme) {
        DatabaseUrl url = DatabaseUrl.parse(scheme + "://app:s3cret@db.internal:5433/bunting?sslmode=require");

        assertThat(url)
                .isEqualTo(
                        new DatabaseUrl("jdbc:postgresql://db.internal:5433/bunting?sslmode=require", "app", "s3cret"));
    }

    @Test
    void percentEncodedCredentialsAreDecodedAndAPlusStaysAPlus() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40corp:p%3Ass%2Fw+rd@localhost/bunting");

        assertThat(url.user()).isEqualTo("app@corp");
        assertThat(url.password()).isEqualTo("p:ss/w+rd");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/bunting");
    }

    @Test
    void theTextFormNeverShowsThePassword() {
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
    void anythingElseIsRejectedWithAnExplanation(String text) {
        assertThatThrownBy(() -> DatabaseUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .isNotBlank();
    }

    @Test
    void aMalformedEscapeInTheCredentialsDoesNotEchoThem() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:se%zzcret@localhost/bunting"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("se%zzcret")
                .hasMessageNotContaining("zzcret");
    }
}
