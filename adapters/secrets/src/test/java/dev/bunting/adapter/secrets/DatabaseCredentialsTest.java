package dev.bunting.adapter.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseCredentialsTest {

    @Test
    void a_secret_that_rds_manages_gives_its_username_and_password() {
        DatabaseCredentials credentials = DatabaseCredentials.fromSecret("""
                {"username":"bunting","password":"hunter2-!\\"quoted\\"","engine":"postgres",
                 "host":"bunting.cluster-abc.eu-west-1.rds.amazonaws.com","port":5432,"dbname":"bunting",
                 "dbClusterIdentifier":"bunting"}""");

        assertThat(credentials).isEqualTo(new DatabaseCredentials("bunting", "hunter2-!\"quoted\""));
    }

    @Test
    void only_the_username_and_password_are_required() {
        assertThat(DatabaseCredentials.fromSecret("{\"password\":\"hunter2\",\"username\":\"bunting\"}"))
                .isEqualTo(new DatabaseCredentials("bunting", "hunter2"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hunter2",
                "{\"username\":\"bunting\",\"password\":\"hunter2",
                "{\"username\":\"bunting\",\"password\":\"hunter2\"} hunter2",
                "{\"username\":\"bunting\",\"password\":hunter2}",
                "[\"bunting\",\"hunter2\"]",
                "\"hunter2\"",
                "{\"username\":\"hunter2\"}",
                "{\"user\":\"bunting\",\"password\":\"hunter2\"}",
                "{\"username\":\"bunting\",\"password\":{\"value\":\"hunter2\"}}",
                "{\"username\":\"  \",\"password\":\"hunter2\"}",
                "{\"username\":\"hunter2\",\"password\":\"\"}",
                "",
                "  "
            })
    void a_secret_that_is_not_an_object_with_a_username_and_password_is_refused_without_being_quoted(String secret) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseCredentials.fromSecret(secret))
                .withMessageContaining("database")
                .withMessageNotContaining("hunter2")
                .withNoCause();
    }

    @Test
    void no_secret_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseCredentials.fromSecret(null));
    }

    @Test
    void the_missing_field_is_named() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseCredentials.fromSecret("{\"username\":\"bunting\"}"))
                .withMessage("the database secret has no \"password\" string");
    }

    @Test
    void the_password_never_shows() {
        DatabaseCredentials credentials = new DatabaseCredentials("bunting", "hunter2");

        assertThat(credentials.toString()).contains("bunting").doesNotContain("hunter2");
    }
}
