package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.identity.Role;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens the service did not issue, or no longer honours, get 401 on an authenticated route. Forgeries are
 * made by hand (Base64url and HMAC-SHA256 from the JDK) from claims that, signed properly, are accepted, so each
 * differs from a good token in the one way its test names.
 */
class ForgedTokenIT {

    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final byte[] ANOTHER_SECRET =
            "another secret, also thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static TestServer server;
    private static TestServer.Account viewer;
    private static String adminToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        viewer = server.account("viewer@example.com", Role.VIEWER);
        adminToken = server.signIn(TestServer.ADMIN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_genuine_token_and_one_made_here_with_the_right_secret_and_claims_are_accepted() {
        assertThat(me(viewer.token()).isSuccess().text("email")).isEqualTo("viewer@example.com");
        assertThat(me(signed(
                                HS256,
                                claims(TestServer.ISSUER, TestServer.AUDIENCE, Instant.now()),
                                TestServer.JWT_SECRET))
                        .isSuccess()
                        .text("email"))
                .isEqualTo("viewer@example.com");
    }

    @Test
    void an_unsigned_token_with_alg_none_is_refused() {
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + encode(claims(TestServer.ISSUER, TestServer.AUDIENCE, Instant.now())) + ".";

        me(unsigned).isProblem(401);
    }

    @Test
    void a_token_signed_with_another_secret_is_refused() {
        me(signed(HS256, claims(TestServer.ISSUER, TestServer.AUDIENCE, Instant.now()), ANOTHER_SECRET))
                .isProblem(401);
    }

    @Test
    void a_token_expired_for_longer_than_the_leeway_is_refused() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));

        me(signed(HS256, claims(TestServer.ISSUER, TestServer.AUDIENCE, twoHoursAgo), TestServer.JWT_SECRET))
                .isProblem(401);
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        me(signed(HS256, claims(TestServer.ISSUER, "another-api", Instant.now()), TestServer.JWT_SECRET))
                .isProblem(401);
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        me(signed(HS256, claims("someone-else", TestServer.AUDIENCE, Instant.now()), TestServer.JWT_SECRET))
                .isProblem(401);
    }

    @Test
    void the_admins_payload_under_the_viewers_header_and_signature_is_refused() {
        String[] viewers = viewer.token().split("\\.");
        String[] admins = adminToken.split("\\.");

        me(viewers[0] + "." + admins[1] + "." + viewers[2]).isProblem(401);
    }

    @Test
    void a_header_naming_another_algorithm_over_a_genuine_payload_and_signature_is_refused() {
        String[] genuine = viewer.token().split("\\.");

        me(encode("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + genuine[1] + "." + genuine[2])
                .isProblem(401);
    }

    @Test
    void a_signed_out_token_is_refused_while_the_users_other_sessions_go_on() {
        String other = server.signIn("viewer@example.com");
        String signingOut = server.signIn("viewer@example.com");

        assertThat(server.send("POST", "/auth/logout", null, signingOut).status())
                .isEqualTo(204);

        me(signingOut).isProblem(401);
        me(other).isSuccess();
    }

    @Test
    void
            tokens_issued_before_a_password_change_are_refused_even_within_the_same_second_and_the_new_password_signs_in() {
        TestServer.Account changer = server.account("changer@example.com", Role.VIEWER);
        String session = server.signIn(changer.email());
        String newPassword = "a brand new passphrase for changer";

        TestServer.Reply changed = server.send(
                "PUT",
                "/auth/me/password",
                "{\"current_password\":\"" + TestServer.PASSWORD + "\",\"new_password\":\"" + newPassword + "\"}",
                session);

        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        me(changer.token()).isProblem(401);
        me(session).isProblem(401);
        server.login(changer.email(), TestServer.PASSWORD).isProblem(401);
        me(server.login(changer.email(), newPassword).isSuccess().text("access_token"))
                .isSuccess();
    }

    private static TestServer.Reply me(String token) {
        return server.send("GET", "/auth/me", null, token);
    }

    /**
     * The viewer's claims as the service writes them, with a fresh token id, valid for an hour from {@code issuedAt},
     * vouching for the viewer's current credentials as the genuine token does.
     */
    private static String claims(String issuer, String audience, Instant issuedAt) {
        long iat = issuedAt.getEpochSecond();
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + viewer.id()
                + "\",\"role\":\"viewer\","
                + "\"crd\":" + credentialsStamp(viewer.token()) + ","
                + "\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + iat + ",\"exp\":" + (iat + 3600) + "}";
    }

    private static long credentialsStamp(String token) {
        return TestServer.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .path("crd")
                .asLong();
    }

    private static String signed(String header, String claims, byte[] secret) {
        String content = encode(header) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return content + "." + BASE64URL.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
