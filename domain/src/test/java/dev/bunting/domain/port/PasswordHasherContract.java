package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.identity.PasswordHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The definition of {@link PasswordHasher}. Every password hashing adapter extends this suite. */
public abstract class PasswordHasherContract {

    private static final String PASSWORD = "correct horse battery staple";

    private PasswordHasher hasher;

    /** @return a hasher with today's parameters */
    protected abstract PasswordHasher newHasher();

    /** @return a hasher of the same algorithm with weaker parameters, standing in for yesterday's settings */
    protected abstract PasswordHasher newHasherWithWeakerParameters();

    @BeforeEach
    void openHasher() {
        hasher = newHasher();
    }

    @Test
    void a_hash_matches_its_password_and_no_other() {
        PasswordHash hash = hasher.hash(PASSWORD);

        assertThat(hasher.matches(hash, PASSWORD)).isTrue();
        assertThat(hasher.matches(hash, PASSWORD + " ")).isFalse();
        assertThat(hasher.matches(hash, "Correct horse battery staple")).isFalse();
    }

    @Test
    void two_hashes_of_the_same_password_differ_because_each_is_salted() {
        PasswordHash first = hasher.hash(PASSWORD);
        PasswordHash second = hasher.hash(PASSWORD);

        assertThat(first.encoded()).isNotEqualTo(second.encoded());
        assertThat(hasher.matches(second, PASSWORD)).isTrue();
    }

    @Test
    void a_hash_does_not_contain_the_password() {
        PasswordHash hash = hasher.hash(PASSWORD);

        assertThat(hash.encoded()).doesNotContain(PASSWORD).doesNotContain("horse");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$qKq2VVp1ZkvJzJjZbQ2zX1Vw8g5N1lH0d2Fh7rB5lY0",
                "$argon2id$v=19$m=19456,t=2,p=1$",
                "$argon2id$v=19$m=x,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$qKq2VVp1ZkvJzJjZbQ2zX1Vw8g5N1lH0d2Fh7rB5lY0",
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$qKq2VVp1ZkvJzJjZbQ2zX1Vw8g5N1lH0d2Fh7rB5lY0"
            })
    void a_malformed_or_foreign_hash_does_not_match_and_does_not_throw(String encoded) {
        PasswordHash foreign = new PasswordHash(encoded);

        assertThat(hasher.matches(foreign, PASSWORD)).isFalse();
    }

    @Test
    void a_foreign_hash_needs_rehash() {
        PasswordHash bcrypt = new PasswordHash("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy");

        assertThat(hasher.needsRehash(bcrypt)).isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("garbage"))).isTrue();
    }

    @Test
    void a_hash_made_with_todays_parameters_does_not_need_rehash() {
        assertThat(hasher.needsRehash(hasher.hash(PASSWORD))).isFalse();
    }

    @Test
    void a_hash_made_with_weaker_parameters_needs_rehash_but_still_matches() {
        PasswordHash old = newHasherWithWeakerParameters().hash(PASSWORD);

        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.matches(old, PASSWORD)).isTrue();
        assertThat(hasher.matches(old, "another password")).isFalse();
    }

    @Test
    void unicode_passwords_work() {
        String password = "pässwörd-密码-🔑-Ωmega";
        PasswordHash hash = hasher.hash(password);

        assertThat(hasher.matches(hash, password)).isTrue();
        assertThat(hasher.matches(hash, "passwörd-密码-🔑-Ωmega")).isFalse();
    }

    @Test
    void a_password_hash_never_shows_its_encoded_value() {
        PasswordHash hash = hasher.hash(PASSWORD);

        assertThat(hash.toString()).doesNotContain(hash.encoded()).doesNotContain("$");
    }
}
