package dev.bunting.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsRecordsTest {

    private static EnvironmentVariables environment(Map<String, String> variables) {
        return new EnvironmentVariables(variables);
    }

    @Test
    void unset_and_blank_variables_read_as_absent_and_values_are_trimmed() {
        EnvironmentVariables variables = environment(Map.of("BLANK", "  ", "SET", " text "));

        assertThat(variables.text("UNSET")).isNull();
        assertThat(variables.text("BLANK")).isNull();
        assertThat(variables.text("SET")).isEqualTo("text");
        assertThat(variables.integer("UNSET", 7)).isEqualTo(7);
    }

    @Test
    void a_number_that_is_not_one_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> environment(Map.of("BUNTING_PORT", "eighty")).integer("BUNTING_PORT", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("BUNTING_PORT must be a whole number, not 'eighty'");
    }

    @Test
    void cache_and_sign_in_settings_are_standard_where_the_environment_says_nothing() {
        assertThat(ConfigCacheSettings.fromEnvironment(environment(Map.of()))).isEqualTo(ConfigCacheSettings.STANDARD);
        assertThat(SignInLimits.fromEnvironment(environment(Map.of()))).isEqualTo(SignInLimits.STANDARD);
    }

    @Test
    void cache_and_sign_in_settings_take_what_the_environment_sets() {
        assertThat(ConfigCacheSettings.fromEnvironment(environment(Map.of(
                        "BUNTING_CACHE_TTL_SECONDS",
                        "5",
                        "BUNTING_KEY_CACHE_TTL_SECONDS",
                        "2",
                        "BUNTING_CACHED_ENVIRONMENTS",
                        "3"))))
                .isEqualTo(new ConfigCacheSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 3));
        assertThat(SignInLimits.fromEnvironment(
                        environment(Map.of("BUNTING_LOGIN_MAX_FAILURES", "3", "BUNTING_LOGIN_WINDOW_SECONDS", "60"))))
                .isEqualTo(new SignInLimits(3, Duration.ofMinutes(1)));
    }

    @Test
    void durations_below_a_second_or_with_fractions_and_too_few_failures_are_refused() {
        assertThatThrownBy(() -> new ConfigCacheSettings(Duration.ZERO, Duration.ofSeconds(1), 1))
                .hasMessageStartingWith("BUNTING_CACHE_TTL_SECONDS must be a whole number of seconds");
        assertThatThrownBy(() -> new ConfigCacheSettings(Duration.ofSeconds(1), Duration.ofMillis(1500), 1))
                .hasMessageStartingWith("BUNTING_KEY_CACHE_TTL_SECONDS must be a whole number of seconds");
        assertThatThrownBy(() -> new ConfigCacheSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageStartingWith("BUNTING_CACHED_ENVIRONMENTS must be at least 1");
        assertThatThrownBy(() -> new SignInLimits(0, Duration.ofSeconds(1)))
                .hasMessageStartingWith("BUNTING_LOGIN_MAX_FAILURES must be at least 1");
        assertThatThrownBy(() -> new SignInLimits(1, null))
                .hasMessageStartingWith("BUNTING_LOGIN_WINDOW_SECONDS must be a whole number of seconds");
    }
}
