package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.MutableClock;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.TokenIssuer.IssuedToken;
import dev.bunting.domain.port.TokenVerifier.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The definition of {@link TokenIssuer} and {@link TokenVerifier} together. Every token adapter extends this suite.
 * <p>
 * Tokens are opaque here: the suite knows only that a token is a string. It checks the issue's rules: a token verifies
 * to what it was issued with and lasts one hour by default; it is refused once expired (after a small leeway), when it
 * comes from a service with another secret, issuer or audience, and when it is garbage or altered. {@code verify}
 * never throws; it returns empty for {@code null} too, which the port's "empty for any token this service would not
 * have issued" covers.
 */
public abstract class TokensContract {

    /** An issuer and a verifier built with the same settings, as one runtime would have them. */
    public record Tokens(TokenIssuer issuer, TokenVerifier verifier) {
        public IssuedToken issue(UserId user, Role role, Instant credentialsChangedAt) {
            return issuer.issue(user, role, credentialsChangedAt);
        }

        public Optional<VerifiedToken> verify(String token) {
            return verifier.verify(token);
        }
    }

    /** Not on a whole second, so the suite sees how a service rounds times. */
    protected static final Instant START = Instant.parse("2024-03-01T09:15:30.250Z");

    protected static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    /** When the user's credentials were set, to the microsecond, as the store keeps them. */
    protected static final Instant CREDENTIALS = Instant.parse("2024-02-11T17:03:09.123456Z");

    private static final UserId ALICE = new UserId("user-alice");
    private static final UserId BOB = new UserId("user-bob");

    protected final MutableClock clock = new MutableClock(START);
    private Tokens service;

    /** @return a service with the default settings (a one hour lifetime) that reads the time from {@code clock} */
    protected abstract Tokens newService(Clock clock);

    /** @return a service like {@link #newService} but for a different secret (or key) */
    protected abstract Tokens newServiceWithAnotherSecret(Clock clock);

    /** @return a service like {@link #newService} but naming another issuer */
    protected abstract Tokens newServiceWithAnotherIssuer(Clock clock);

    /** @return a service like {@link #newService} but for another audience */
    protected abstract Tokens newServiceWithAnotherAudience(Clock clock);

    /** @return how long after its expiry {@link #newService}'s tokens are still accepted (clock skew); small */
    protected abstract Duration leeway();

    @BeforeEach
    void openService() {
        service = newService(clock);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void a_token_verifies_to_the_user_role_id_and_times_it_was_issued_with(Role role) {
        IssuedToken issued = service.issue(ALICE, role, CREDENTIALS);

        Optional<VerifiedToken> verified = service.verify(issued.token());

        assertThat(verified)
                .contains(new VerifiedToken(
                        ALICE, role, issued.tokenId(), issued.issuedAt(), issued.expiresAt(), CREDENTIALS));
    }

    @Test
    void a_token_is_issued_now_and_expires_an_hour_later_by_default() {
        IssuedToken issued = service.issue(ALICE, Role.VIEWER, CREDENTIALS);

        assertThat(issued.issuedAt()).isBetween(START.minusSeconds(1), START);
        assertThat(issued.expiresAt()).isEqualTo(issued.issuedAt().plus(DEFAULT_LIFETIME));
    }

    @Test
    void each_token_has_its_own_id() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ids.add(service.issue(ALICE, Role.VIEWER, CREDENTIALS).tokenId());
        }

        assertThat(ids).hasSize(10).doesNotContainNull();
    }

    @Test
    void a_token_verifies_on_another_instance_with_the_same_settings() {
        IssuedToken issued = service.issue(BOB, Role.DEVELOPER, CREDENTIALS);

        assertThat(newService(clock).verify(issued.token()))
                .map(VerifiedToken::user)
                .contains(BOB);
    }

    @Test
    void a_token_is_accepted_until_the_leeway_after_its_expiry_has_passed() {
        IssuedToken issued = service.issue(ALICE, Role.ADMIN, CREDENTIALS);

        clock.setInstant(issued.expiresAt().minusSeconds(1));
        assertThat(service.verify(issued.token())).isPresent();

        clock.setInstant(issued.expiresAt().plus(leeway()).minusSeconds(1));
        assertThat(service.verify(issued.token())).isPresent();
    }

    @Test
    void an_expired_token_is_refused_once_the_leeway_has_passed() {
        IssuedToken issued = service.issue(ALICE, Role.ADMIN, CREDENTIALS);

        clock.setInstant(issued.expiresAt().plus(leeway()).plusSeconds(1));

        assertThat(service.verify(issued.token())).isEmpty();
    }

    @Test
    void a_token_long_expired_is_refused() {
        IssuedToken issued = service.issue(ALICE, Role.ADMIN, CREDENTIALS);

        clock.setInstant(issued.expiresAt().plus(Duration.ofDays(400)));

        assertThat(service.verify(issued.token())).isEmpty();
    }

    @Test
    void a_token_signed_with_another_secret_is_refused() {
        assertRefusedBothWays(newServiceWithAnotherSecret(clock));
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        assertRefusedBothWays(newServiceWithAnotherIssuer(clock));
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        assertRefusedBothWays(newServiceWithAnotherAudience(clock));
    }

    /** The other service must work, or refusing its tokens would prove nothing. */
    private void assertRefusedBothWays(Tokens other) {
        IssuedToken foreign = other.issue(ALICE, Role.ADMIN, CREDENTIALS);
        IssuedToken ours = service.issue(ALICE, Role.ADMIN, CREDENTIALS);

        assertThat(other.verify(foreign.token()))
                .as("the other service accepts its own token")
                .isPresent();
        assertThat(service.verify(foreign.token()))
                .as("this service accepts the other's token")
                .isEmpty();
        assertThat(other.verify(ours.token()))
                .as("the other service accepts this service's token")
                .isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "garbage",
                "Bearer",
                ".",
                "..",
                "...",
                "a.b",
                "a.b.c",
                "a.b.c.d",
                "a.b.c.d.e",
                "eyJ",
                "eyJ.eyJ.",
                "e30.e30.",
                "e30.e30.e30",
                "W10.W10.W10",
                "bnVsbA.bnVsbA.bnVsbA",
                "e30.bnVsbA.AAAA",
                "W10.W10.",
                "!!!.@@@.###",
                "éüß.日本語.🙂",
                "\u0000.\u0000.\u0000",
                "eyJhbGciOiJIUzI1NiJ9",
                "eyJhbGciOiJIUzI1NiJ9..",
                "eyJhbGciOiJIUzI1NiJ9.e30.",
                "eyJhbGciOiJub25lIn0.e30.",
                "eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
                "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.AAAA",
                "eyJhbGciOjF9.e30.AAAA",
                "eyJhbGciOm51bGx9.e30.AAAA",
            })
    void garbage_is_refused_without_throwing(String token) {
        assertThat(service.verify(token)).isEmpty();
    }

    @Test
    void a_very_long_token_is_refused_without_throwing() {
        String token = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();

        assertThat(service.verify(token.repeat(1_000))).isEmpty();
        assertThat(service.verify("a".repeat(1_000_000))).isEmpty();
    }

    @Test
    void a_token_with_one_character_changed_near_its_end_is_refused() {
        // near the end, where a signed token carries its signature; not the very last character, whose low bits may
        // be unused by the encoding (base64url), so changing it can leave the signature the same
        String token = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();

        for (int fromEnd = 2; fromEnd <= Math.min(12, token.length()); fromEnd++) {
            String altered = changeCharacterAt(token, token.length() - fromEnd);
            assertThat(service.verify(altered))
                    .as("changed %d from the end: %s", fromEnd, altered)
                    .isEmpty();
        }
    }

    @Test
    void a_token_with_any_one_character_changed_but_the_last_is_refused() {
        String token = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();

        for (int i = 0; i < token.length() - 1; i++) {
            String altered = changeCharacterAt(token, i);
            assertThat(service.verify(altered))
                    .as("changed at %d: %s", i, altered)
                    .isEmpty();
        }
    }

    @Test
    void a_truncated_token_is_refused() {
        String token = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();

        for (int length = 0; length < token.length(); length++) {
            assertThat(service.verify(token.substring(0, length)))
                    .as("first %d characters", length)
                    .isEmpty();
        }
    }

    @Test
    void verify_never_throws_for_altered_tokens() {
        // a fixed seed, so a failure can be replayed
        Random random = new Random(20240301);
        List<String> tokens = new ArrayList<>();
        for (Role role : Role.values()) {
            tokens.add(service.issue(ALICE, role, CREDENTIALS).token());
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u0000é{}\"";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder altered = new StringBuilder(tokens.get(random.nextInt(tokens.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !altered.isEmpty(); e++) {
                int at = random.nextInt(altered.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> altered.setCharAt(at, c);
                    case 1 -> altered.insert(at, c);
                    default -> altered.deleteCharAt(at);
                }
            }
            // a no-throw check: an edit may by chance only touch unused bits or padding, so acceptance is not asserted
            service.verify(altered.toString());
        }
    }

    /** Replaces one character with another of the base64url alphabet, so the change survives decoding. */
    protected static String changeCharacterAt(String token, int index) {
        char original = token.charAt(index);
        char replacement = original == 'A' ? 'B' : 'A';
        if (original == '.') {
            replacement = 'A';
        }
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }
}
