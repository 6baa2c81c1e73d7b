package dev.bunting.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtSettingsTest {

    private static final byte[] SECRET = "an HS256 test secret of 32 bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_secret_of256_bits_is_enough() {
        JwtSettings settings = new JwtSettings(new byte[32], "issuer", "audience");

        assertThat(settings.secret()).hasSize(32);
        assertThat(settings.lifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.leeway()).isEqualTo(JwtSettings.DEFAULT_LEEWAY);
    }

    @Test
    void a_secret_shorter_than256_bits_is_rejected_saying_how_long_it_must_be() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtSettings(new byte[31], "issuer", "audience"))
                .withMessage("the JWT secret must be at least 32 bytes (256 bits) for HS256, was 31 bytes");
    }

    @Test
    void a_missing_secret_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtSettings(null, "issuer", "audience"))
                .withMessageContaining("at least 32 bytes");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void a_blank_issuer_is_rejected(String issuer) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtSettings(SECRET, issuer, "audience"))
                .withMessage("the JWT issuer is required");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void a_blank_audience_is_rejected(String audience) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtSettings(SECRET, "issuer", audience))
                .withMessage("the JWT audience is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1H", "PT0.5S", "PT1.5S"})
    void a_lifetime_that_is_not_a_positive_number_of_seconds_is_rejected(String lifetime) {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new JwtSettings(SECRET, "issuer", "audience", Duration.parse(lifetime), Duration.ZERO))
                .withMessageContaining("lifetime");
    }

    @Test
    void a_missing_lifetime_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtSettings(SECRET, "issuer", "audience", null, Duration.ZERO))
                .withMessageContaining("lifetime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-1S", "PT5M1S", "PT1H", "PT0.5S"})
    void a_leeway_that_is_negative_large_or_fractional_is_rejected(String leeway) {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new JwtSettings(SECRET, "issuer", "audience", Duration.ofHours(1), Duration.parse(leeway)))
                .withMessageContaining("leeway");
    }

    @Test
    void no_leeway_and_the_largest_leeway_are_accepted() {
        assertThat(new JwtSettings(SECRET, "i", "a", Duration.ofHours(1), Duration.ZERO).leeway())
                .isZero();
        assertThat(new JwtSettings(SECRET, "i", "a", Duration.ofHours(1), JwtSettings.MAX_LEEWAY).leeway())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void to_string_hides_the_secret() {
        JwtSettings settings = new JwtSettings(SECRET, "https://bunting.test", "bunting-api");

        assertThat(settings.toString())
                .contains("https://bunting.test", "bunting-api", "hidden")
                .doesNotContain(new String(SECRET, StandardCharsets.UTF_8))
                .doesNotContain("HS256 test")
                .doesNotContain(HexFormat.of().formatHex(SECRET))
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET))
                .doesNotContain("[B@");
    }

    @Test
    void the_secret_cannot_be_changed_through_the_array_given_or_returned() {
        byte[] given = SECRET.clone();
        JwtSettings settings = new JwtSettings(given, "issuer", "audience");

        given[0] = 0;
        settings.secret()[1] = 0;

        assertThat(settings.secret()).isEqualTo(SECRET);
    }

    @Test
    void settings_with_equal_secrets_are_equal() {
        JwtSettings one = new JwtSettings(SECRET.clone(), "issuer", "audience");
        JwtSettings same = new JwtSettings(SECRET.clone(), "issuer", "audience");
        JwtSettings otherSecret = new JwtSettings(new byte[32], "issuer", "audience");

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherSecret);
    }
}
