package dev.bunting.adapter.argon2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.PasswordHasherContract;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher newHasher() {
        return new Argon2PasswordHasher(Argon2Parameters.OWASP);
    }

    @Override
    protected PasswordHasher newHasherWithWeakerParameters() {
        return new Argon2PasswordHasher(new Argon2Parameters(8192, 1, 1));
    }

    @Test
    void the_owasp_hash_is_an_argon2id_phc_string_carrying_its_parameters() {
        PasswordHash hash = new Argon2PasswordHasher().hash("correct horse battery staple");

        assertThat(hash.encoded())
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void a_hash_with_another_memory_iterations_or_parallelism_needs_rehash() {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher();
        String tail = "$c29tZXNhbHRzb21lc2FsdA$qKq2VVp1ZkvJzJjZbQ2zX1Vw8g5N1lH0d2Fh7rB5lY0";

        assertThat(hasher.needsRehash(new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1" + tail)))
                .isFalse();
        assertThat(hasher.needsRehash(new PasswordHash("$argon2id$v=19$m=65536,t=2,p=1" + tail)))
                .isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("$argon2id$v=19$m=19456,t=3,p=1" + tail)))
                .isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("$argon2id$v=19$m=19456,t=2,p=2" + tail)))
                .isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("$argon2i$v=19$m=19456,t=2,p=1" + tail)))
                .isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("$argon2id$v=16$m=19456,t=2,p=1" + tail)))
                .isTrue();
    }

    @Test
    void parameters_outside_argon2s_limits_are_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Parameters(19_456, 0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Parameters(19_456, 2, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Parameters(15, 2, 2));
        assertThat(new Argon2Parameters(16, 1, 2)).isNotNull();
    }
}
