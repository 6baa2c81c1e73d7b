package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.ThrottleUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The accounts and sign-in API over the shared HTTP API: register, log in, me, and user administration. */
class AuthApiTest {

    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";

    private final TestApi api = new TestApi();

    @Test
    void a_user_registers_logs_in_and_sees_themselves_as_a_viewer() {
        TestApi.Reply registered = api.call(
                "POST", "/auth/register", "{\"email\":\"Alice@Example.com\",\"password\":\"" + PASSWORD + "\"}");
        TestApi.Reply login =
                api.call("POST", "/auth/login", "{\"email\":\"alice@example.com\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.text("email")).isEqualTo("alice@example.com");
        assertThat(registered.text("role")).isEqualTo("viewer");
        assertThat(registered.json().has("password_hash")).isFalse();
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("token_type")).isEqualTo("bearer");
        assertThat(login.json().path("expires_in").asLong()).isEqualTo(3600);

        TestApi.Reply me = api.call("GET", "/auth/me", null, "Bearer " + login.text("access_token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(registered.text("id"));
        assertThat(me.text("role")).isEqualTo("viewer");
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_401() {
        api.call("POST", "/auth/register", "{\"email\":\"alice@example.com\",\"password\":\"" + PASSWORD + "\"}");

        TestApi.Reply wrongPassword = api.call(
                "POST", "/auth/login", "{\"email\":\"alice@example.com\",\"password\":\"not the right password\"}");
        TestApi.Reply unknownEmail =
                api.call("POST", "/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"" + PASSWORD + "\"}");

        wrongPassword.isProblem(401);
        unknownEmail.isProblem(401);
        assertThat(wrongPassword.text("detail")).isEqualTo(unknownEmail.text("detail"));
    }

    @Test
    void a_weak_password_or_a_malformed_email_is_a_400_and_registers_nobody() {
        api.call("POST", "/auth/register", "{\"email\":\"alice@example.com\",\"password\":\"short\"}")
                .isProblem(400);
        api.call("POST", "/auth/register", "{\"email\":\"not-an-email\",\"password\":\"" + PASSWORD + "\"}")
                .isProblem(400);
        api.call("POST", "/auth/register", "{\"email\":\"alice@example.com\"}").isProblem(400);

        long users = api.store.inTransaction(r -> r.users().count());
        assertThat(users).as("only the fixture's admin").isEqualTo(1);
    }

    @Test
    void registering_a_taken_email_answers_as_a_new_one_would_so_outsiders_cannot_tell_who_has_an_account() {
        TestApi.Reply first = api.call(
                "POST", "/auth/register", "{\"email\":\"alice@example.com\",\"password\":\"" + PASSWORD + "\"}");

        TestApi.Reply again = api.call(
                "POST", "/auth/register", "{\"email\":\"ALICE@example.com\",\"password\":\"another long passphrase\"}");
        TestApi.Reply fresh = api.call(
                "POST", "/auth/register", "{\"email\":\"bob@example.com\",\"password\":\"another long passphrase\"}");

        assertThat(again.status()).isEqualTo(fresh.status()).isEqualTo(201);
        assertThat(field_names(again)).isEqualTo(field_names(fresh));
        assertThat(again.text("id")).isNotEqualTo(first.text("id"));
        assertThat(api.call(
                                "POST",
                                "/auth/login",
                                "{\"email\":\"alice@example.com\",\"password\":\"" + PASSWORD + "\"}")
                        .status())
                .isEqualTo(200);
        api.call("POST", "/auth/login", "{\"email\":\"alice@example.com\",\"password\":\"another long passphrase\"}")
                .isProblem(401);
    }

    private static java.util.List<String> field_names(TestApi.Reply reply) {
        java.util.List<String> names = new java.util.ArrayList<>();
        reply.json().fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void without_a_valid_bearer_token_me_is_a_401_that_says_how_to_authenticate() {
        TestApi.Reply none = api.callAnonymously("GET", "/auth/me", null);
        TestApi.Reply forged = api.call("GET", "/auth/me", null, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

        none.isProblem(401);
        forged.isProblem(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void only_an_admin_lists_users_and_changes_roles() {
        String viewerToken = signedUp("bob@example.com");
        String adminToken = signedUp("alice@example.com");
        String aliceId =
                api.call("GET", "/auth/me", null, "Bearer " + adminToken).text("id");
        api.store.inTransaction(r -> r.users()
                .update(r.users()
                        .findByEmail(new dev.bunting.domain.identity.Email("alice@example.com"))
                        .orElseThrow()
                        .withRole(dev.bunting.domain.identity.Role.ADMIN)));
        String bobId =
                api.call("GET", "/auth/me", null, "Bearer " + viewerToken).text("id");

        api.call("GET", "/auth/users", null, "Bearer " + viewerToken).isProblem(403);
        api.call("PUT", "/auth/users/" + bobId + "/role", "{\"role\":\"admin\"}", "Bearer " + viewerToken)
                .isProblem(403);
        TestApi.Reply promoted =
                api.call("PUT", "/auth/users/" + bobId + "/role", "{\"role\":\"developer\"}", "Bearer " + adminToken);
        TestApi.Reply users = api.call("GET", "/auth/users", null, "Bearer " + adminToken);

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("developer");
        assertThat(users.json().path("items"))
                .extracting(node -> node.path("email").asText())
                .containsExactly("admin@bunting.test", "alice@example.com", "bob@example.com");
        assertThat(api.call("PUT", "/auth/users/" + aliceId + "/role", "{\"role\":\"viewer\"}", "Bearer " + adminToken)
                        .status())
                .isEqualTo(200);
        api.call("PUT", "/auth/users/" + bobId + "/role", "{\"role\":\"owner\"}", "Bearer " + adminToken)
                .isProblem(400);
    }

    @Test
    void after_five_failed_logins_the_account_gets_429_with_retry_after_even_with_the_right_password() {
        api.call("POST", "/auth/register", "{\"email\":\"alice@example.com\",\"password\":\"" + PASSWORD + "\"}");
        for (int i = 0; i < 5; i++) {
            api.call(
                            "POST",
                            "/auth/login",
                            "{\"email\":\"alice@example.com\",\"password\":\"wrong password number " + i + "\"}")
                    .isProblem(401);
        }

        TestApi.Reply throttled =
                api.call("POST", "/auth/login", "{\"email\":\"alice@example.com\",\"password\":\"" + PASSWORD + "\"}");

        throttled.isProblem(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 900L);
    }

    @Test
    void when_the_throttle_cannot_count_attempts_login_fails_closed_with_503_and_signed_in_users_carry_on() {
        TestApi unreachable = new TestApi(
                new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, false), clock -> new UnreachableThrottle());

        TestApi.Reply login = unreachable.callAnonymously(
                "POST",
                "/auth/login",
                "{\"email\":\"" + TestApi.ADMIN_EMAIL + "\",\"password\":\"" + TestApi.ADMIN_PASSWORD + "\"}");

        login.isProblem(503);
        assertThat(login.problemType()).isEqualTo("unavailable");
        assertThat(login.header("Retry-After")).isEqualTo("1");
        assertThat(login.text("detail")).doesNotContain("Redis");
        assertThat(login.json().has("access_token")).isFalse();
        assertThat(unreachable.call("GET", "/auth/me").status()).isEqualTo(200);
    }

    @Test
    void after_logout_the_token_is_refused() {
        String token = signedUp("alice@example.com");

        assertThat(api.call("POST", "/auth/logout", null, "Bearer " + token).status())
                .isEqualTo(204);

        api.call("GET", "/auth/me", null, "Bearer " + token).isProblem(401);
    }

    @Test
    void a_password_change_needs_the_current_password_and_revokes_the_old_token() {
        String token = signedUp("alice@example.com");

        api.call(
                        "PUT",
                        "/auth/me/password",
                        "{\"current_password\":\"wrong one\",\"new_password\":\"a brand new passphrase\"}",
                        "Bearer " + token)
                .isProblem(403);
        api.call(
                        "PUT",
                        "/auth/me/password",
                        "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"short\"}",
                        "Bearer " + token)
                .isProblem(400);
        TestApi.Reply changed = api.call(
                "PUT",
                "/auth/me/password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"a brand new passphrase\"}",
                "Bearer " + token);

        assertThat(changed.status()).isEqualTo(204);
        api.call("GET", "/auth/me", null, "Bearer " + token).isProblem(401);
        assertThat(api.callAnonymously(
                                "POST",
                                "/auth/login",
                                "{\"email\":\"alice@example.com\",\"password\":\"a brand new passphrase\"}")
                        .status())
                .isEqualTo(200);
    }

    private String signedUp(String email) {
        api.call("POST", "/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        return api.call("POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                .text("access_token");
    }

    /** A throttle whose store is down, as RedisSignInThrottle is when Redis does not answer. */
    private static final class UnreachableThrottle implements SignInThrottle {
        @Override
        public Duration waitBefore(String key) {
            throw new ThrottleUnavailableException("no Redis here", new IllegalStateException("connection refused"));
        }

        @Override
        public void recordFailure(String key) {
            throw new ThrottleUnavailableException("no Redis here", new IllegalStateException("connection refused"));
        }

        @Override
        public void recordSuccess(String key) {
            throw new ThrottleUnavailableException("no Redis here", new IllegalStateException("connection refused"));
        }
    }
}
