package dev.bunting.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureRandomSecretGeneratorTest {

    private final SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator();

    @Test
    void secrets_are_url_safe_text_of_the_length_asked_for() {
        assertThat(generator.randomText(43)).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(generator.randomText(0)).isEmpty();
    }

    @Test
    void every_character_of_the_alphabet_turns_up_and_no_secret_repeats() {
        Set<String> secrets = new HashSet<>();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String secret = generator.randomText(32);
            secrets.add(secret);
            secret.chars().forEach(c -> seen.add((char) c));
        }

        assertThat(secrets).hasSize(1_000);
        assertThat(seen).hasSize(64);
    }
}
