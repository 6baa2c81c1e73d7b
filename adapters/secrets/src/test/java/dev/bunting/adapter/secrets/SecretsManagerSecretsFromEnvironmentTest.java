package dev.bunting.adapter.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.bunting.domain.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration Lambda gives. The credentials come from the process environment, as they do in Lambda: this
 * module's Surefire configuration sets fake ones (AWS_ACCESS_KEY_ID=AKIDFROMENVIRONMENT) for the test JVM.
 */
class SecretsManagerSecretsFromEnvironmentTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private FakeSecretsManager secretsManager;

    @BeforeEach
    void start() throws IOException {
        secretsManager = FakeSecretsManager.start();
        secretsManager.put("bunting/database", "from-the-fake");
    }

    @AfterEach
    void stop() {
        secretsManager.close();
    }

    @Test
    void the_region_endpoint_and_time_to_live_are_read_and_the_credentials_are_the_processes() {
        SecretsManagerSecrets secrets = SecretsManagerSecrets.fromEnvironment(
                Map.of(
                        "AWS_REGION", "eu-west-1",
                        "BUNTING_SECRETS_ENDPOINT", secretsManager.endpoint().toString(),
                        "BUNTING_SECRETS_TTL_SECONDS", "60"),
                clock);
        assertThat(secretsManager.requestCount()).isZero();

        assertThat(secrets.value("bunting/database")).isEqualTo("from-the-fake");
        clock.advance(Duration.ofSeconds(59));
        secrets.value("bunting/database");
        assertThat(secretsManager.requestCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        secrets.value("bunting/database");
        assertThat(secretsManager.requestCount()).isEqualTo(2);

        assertThat(secretsManager.requests().getFirst().authorization())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMENVIRONMENT/")
                .contains("/eu-west-1/secretsmanager/aws4_request");
    }

    @Test
    void the_time_to_live_is_five_minutes_unless_set() {
        SecretsManagerSecrets secrets = SecretsManagerSecrets.fromEnvironment(
                Map.of(
                        "AWS_REGION",
                        "eu-west-1",
                        "BUNTING_SECRETS_ENDPOINT",
                        secretsManager.endpoint().toString()),
                clock);

        secrets.value("bunting/database");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        secrets.value("bunting/database");
        assertThat(secretsManager.requestCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        secrets.value("bunting/database");
        assertThat(secretsManager.requestCount()).isEqualTo(2);
    }

    @Test
    void without_a_region_nothing_is_built() {
        assertThatIllegalStateException()
                .isThrownBy(() -> SecretsManagerSecrets.fromEnvironment(Map.of("AWS_REGION", " "), clock))
                .withMessageStartingWith("AWS_REGION is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "five", "1.5"})
    void a_time_to_live_that_is_not_a_whole_positive_number_of_seconds_is_refused(String seconds) {
        assertThatIllegalStateException()
                .isThrownBy(() -> SecretsManagerSecrets.fromEnvironment(
                        Map.of("AWS_REGION", "eu-west-1", "BUNTING_SECRETS_TTL_SECONDS", seconds), clock))
                .withMessage("BUNTING_SECRETS_TTL_SECONDS must be a whole number of seconds, at least 1, not '"
                        + seconds + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:4566", "ftp://localhost:4566", "http://", "http://local host"})
    void an_endpoint_that_is_not_an_http_url_is_refused(String endpoint) {
        assertThatIllegalStateException()
                .isThrownBy(() -> SecretsManagerSecrets.fromEnvironment(
                        Map.of("AWS_REGION", "eu-west-1", "BUNTING_SECRETS_ENDPOINT", endpoint), clock))
                .withMessageStartingWith("BUNTING_SECRETS_ENDPOINT must be an http:// or https:// URL");
    }
}
