package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accounts over real HTTP with the real password-strength estimator and the real store: guessable passwords,
 * lookalike addresses, enumeration through registration, and the password-change route as a password oracle.
 */
class IdentityHardeningIT {

    private static final int LIMIT = 3;

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaa", "password1234", "123456789012", "Password123!"})
    void a_long_enough_but_guessable_password_is_refused_at_registration_and_on_change(String guessable) {
        try (TestServer server = TestServer.start()) {
            TestServer.Reply registered =
                    server.send("POST", "/auth/register", TestServer.credentials("weak@example.com", guessable), null);
            TestServer.Account account = server.account("strong@example.com", Role.VIEWER);
            TestServer.Reply changed = server.send(
                    "PUT",
                    "/auth/me/password",
                    "{\"current_password\":\"" + TestServer.PASSWORD + "\",\"new_password\":\"" + guessable + "\"}",
                    account.token());

            registered.isProblem(400);
            assertThat(registered.json().path("errors").get(0).path("code").asText())
                    .isEqualTo("too_weak");
            changed.isProblem(400);
            assertThat(server.column("SELECT id FROM users WHERE email = ?", "weak@example.com"))
                    .isEmpty();
        }
    }

    @Test
    void wrong_current_passwords_on_the_change_route_throttle_sign_in_and_the_change_route_alike() {
        try (TestServer server = TestServer.start(new SignInLimits(LIMIT, Duration.ofMinutes(15)))) {
            TestServer.Account account = server.account("changer@example.com", Role.VIEWER);

            for (int guess = 0; guess < LIMIT; guess++) {
                server.send(
                                "PUT",
                                "/auth/me/password",
                                "{\"current_password\":\"guess " + guess
                                        + "\",\"new_password\":\"another long passphrase\"}",
                                account.token())
                        .isProblem(403);
            }
            TestServer.Reply change = server.send(
                    "PUT",
                    "/auth/me/password",
                    "{\"current_password\":\"" + TestServer.PASSWORD
                            + "\",\"new_password\":\"another long passphrase\"}",
                    account.token());
            TestServer.Reply login = server.login(account.email(), TestServer.PASSWORD);

            change.isProblem(429);
            assertThat(change.headers().firstValue("Retry-After")).isPresent();
            login.isProblem(429);
        }
    }

    @Test
    void registration_answers_alike_for_taken_lookalike_and_new_addresses_and_leaves_the_account_alone() {
        try (TestServer server = TestServer.start()) {
            String before = server.column("SELECT password_hash FROM users WHERE email = ?", TestServer.ADMIN)
                    .getFirst();

            List<TestServer.Reply> replies = new ArrayList<>();
            for (String email : List.of(
                    "ROOT@example.com",
                    "r\u043e\u043et@example.com",
                    "\uff52\uff4f\uff4f\uff54@example.com",
                    "r00t@example.com",
                    "newcomer@example.com")) {
                replies.add(server.send(
                        "POST", "/auth/register", TestServer.credentials(email, "another long passphrase"), null));
            }

            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
                assertThat(field_names(reply)).containsExactly("id", "email", "role", "created_at");
            });
            assertThat(server.column("SELECT count(*) FROM users WHERE email <> ?", TestServer.ADMIN))
                    .containsExactly("1");
            assertThat(server.column("SELECT password_hash FROM users WHERE email = ?", TestServer.ADMIN))
                    .containsExactly(before);
            server.login("\uff32\uff2f\uff2f\uff34@EXAMPLE.com", TestServer.PASSWORD)
                    .isSuccess();
            server.login(TestServer.ADMIN, "another long passphrase").isProblem(401);
        }
    }

    @Test
    void registrations_from_one_address_are_throttled() {
        try (TestServer server = TestServer.start(new SignInLimits(LIMIT, Duration.ofMinutes(15)))) {
            for (int i = 0; i < LIMIT; i++) {
                server.send(
                                "POST",
                                "/auth/register",
                                TestServer.credentials("user" + i + "@example.com", TestServer.PASSWORD),
                                null)
                        .isSuccess();
            }

            TestServer.Reply throttled = server.send(
                    "POST",
                    "/auth/register",
                    TestServer.credentials("one-more@example.com", TestServer.PASSWORD),
                    null);

            throttled.isProblem(429);
            assertThat(server.column("SELECT id FROM users WHERE email = ?", "one-more@example.com"))
                    .isEmpty();
        }
    }

    private static List<String> field_names(TestServer.Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json().fieldNames().forEachRemaining(names::add);
        return names;
    }
}
