package dev.bunting.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySecretTest {

    private static final String RANDOM = "Ab3_-xYz0123456789abcdefghijklmnopqrstuv";

    @Test
    void a_secret_names_its_scope_and_keeps_eight_random_characters_in_its_prefix() {
        KeySecret api = KeySecret.of(new KeyScope.Management(Role.ADMIN), RANDOM);
        KeySecret sdk = KeySecret.of(new KeyScope.Evaluation(EnvironmentKey.PRODUCTION, KeyScope.Side.SERVER), RANDOM);
        KeySecret client =
                KeySecret.of(new KeyScope.Evaluation(EnvironmentKey.PRODUCTION, KeyScope.Side.CLIENT), RANDOM);

        assertThat(api.text()).isEqualTo("bnt_api_" + RANDOM);
        assertThat(api.prefix()).isEqualTo("bnt_api_Ab3_-xYz");
        assertThat(sdk.prefix()).isEqualTo("bnt_sdk_Ab3_-xYz");
        assertThat(client.prefix()).isEqualTo("bnt_client_Ab3_-xYz");
    }

    @Test
    void the_digest_is_the_sha256_of_the_whole_secret_and_equals_only_its_own() {
        KeySecret secret = new KeySecret("bnt_api_" + RANDOM);

        // computed independently: printf %s 'bnt_api_Ab3_-xYz0123456789abcdefghijklmnopqrstuv' | sha256sum
        assertThat(secret.digest()).isEqualTo("fd2baf993c9611e81c102401010b31ee0e02de0963b39994933670d3f1582a2a");
        assertThat(KeySecret.sameDigest(secret.digest(), new KeySecret(secret.text()).digest()))
                .isTrue();
        assertThat(KeySecret.sameDigest(secret.digest(), new KeySecret("bnt_api_" + RANDOM.replace('A', 'B')).digest()))
                .isFalse();
    }

    @Test
    void a_secret_never_prints_beyond_its_prefix() {
        KeySecret secret = new KeySecret("bnt_api_" + RANDOM);

        assertThat(secret.toString()).doesNotContain(RANDOM.substring(8)).startsWith(secret.prefix());
    }

    @Test
    void presented_text_parses_only_when_it_has_the_shape_of_an_issued_secret() {
        assertThat(KeySecret.parse("bnt_sdk_" + RANDOM)).contains(new KeySecret("bnt_sdk_" + RANDOM));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "eyJhbGciOiJIUzI1NiJ9.e30.sig",
                "bnt_",
                "bnt_sdk_short",
                "bnt_sdk_Ab3_-xYz0123456789abcdefghijklmnopqrstuvw",
                "bnt_sdk_Ab3_-xYz0123456789abcdefghijklmnopqrst!v",
                "bntsdk_Ab3_-xYz0123456789abcdefghijklmnopqrstuv"
            })
    void anything_else_does_not_parse(String presented) {
        assertThat(KeySecret.parse(presented)).isEmpty();
    }

    @Test
    void the_random_part_must_have_the_full_length_and_alphabet() {
        assertThatThrownBy(() -> KeySecret.of(new KeyScope.Management(Role.ADMIN), "short"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySecret.of(new KeyScope.Management(Role.ADMIN), RANDOM.replace('A', '+')))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
