package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.postgres.DatabaseLogin;
import dev.bunting.composition.EnvironmentVariables;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final String DATABASE_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bunting/db-AbCdEf";

    private static DatabaseSettings settings(Map<String, String> variables) {
        return DatabaseSettings.fromEnvironment(new EnvironmentVariables(variables));
    }

    @Test
    void a_url_carries_its_login_and_no_secret_is_read() {
        DatabaseSettings database =
                settings(Map.of("BUNTING_DATABASE_URL", "postgres://bunting:s3cret@db.internal:5432/flags"));

        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/flags");
        assertThat(database.logins(() -> {
                            throw new AssertionError("a login in the URL needs no Secrets Manager");
                        })
                        .current())
                .isEqualTo(new DatabaseLogin("bunting", "s3cret"));
    }

    @Test
    void a_url_and_an_endpoint_together_are_refused() {
        assertThatThrownBy(() -> settings(Map.of(
                        "BUNTING_DATABASE_URL",
                        "postgres://bunting:s3cret@db.internal:5432/flags",
                        "BUNTING_DATABASE_ENDPOINT",
                        "db.internal")))
                .hasMessageContaining("not both");
    }

    @Test
    void a_missing_database_says_which_variables_to_set() {
        assertThatThrownBy(() -> settings(Map.of("BUNTING_DATABASE_URL", " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BUNTING_DATABASE_ENDPOINT")
                .hasMessageContaining("BUNTING_DATABASE_SECRET_ARN");
    }

    @Test
    void the_database_name_defaults_to_bunting() {
        DatabaseSettings database = settings(
                Map.of("BUNTING_DATABASE_ENDPOINT", "db.internal", "BUNTING_DATABASE_SECRET_ARN", DATABASE_ARN));

        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/bunting?sslmode=require");
    }

    @Test
    void tls_can_be_made_stricter_and_a_mode_pgjdbc_lacks_is_refused() {
        Map<String, String> deployment =
                Map.of("BUNTING_DATABASE_ENDPOINT", "db.internal", "BUNTING_DATABASE_SECRET_ARN", DATABASE_ARN);
        Map<String, String> strict = new java.util.HashMap<>(deployment);
        strict.put("BUNTING_DATABASE_SSL_MODE", "verify-full");
        Map<String, String> unknown = new java.util.HashMap<>(deployment);
        unknown.put("BUNTING_DATABASE_SSL_MODE", "sometimes");

        assertThat(settings(strict).jdbcUrl()).endsWith("?sslmode=verify-full");
        assertThatThrownBy(() -> settings(unknown)).hasMessageStartingWith("BUNTING_DATABASE_SSL_MODE must be one of");
    }

    @Test
    void an_endpoint_that_is_not_a_host_is_refused_by_name() {
        assertThatThrownBy(() -> settings(Map.of(
                        "BUNTING_DATABASE_ENDPOINT",
                        "db.internal/other?user=x",
                        "BUNTING_DATABASE_SECRET_ARN",
                        DATABASE_ARN)))
                .hasMessageStartingWith("BUNTING_DATABASE_ENDPOINT must be a host name or host:port");
    }

    @Test
    void an_unusable_database_url_is_reported_without_echoing_it() {
        assertThatThrownBy(() -> settings(Map.of("BUNTING_DATABASE_URL", "mysql://root:s3cret@db/x")))
                .hasMessageStartingWith("BUNTING_DATABASE_URL is not usable")
                .message()
                .doesNotContain("s3cret");
    }
}
