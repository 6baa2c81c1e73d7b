package dev.bunting.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.TokenIssuer.IssuedToken;
import dev.bunting.domain.port.TokenVerifier.VerifiedToken;
import dev.bunting.domain.port.TokensContract;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTokensTest extends TokensContract {

    private static final byte[] SECRET = "an HS256 test secret of 32 bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "another HS256 secret of 32 bytes".getBytes(StandardCharsets.UTF_8);
    private static final String ISSUER = "https://bunting.test";
    private static final String AUDIENCE = "bunting-api";
    private static final UserId ALICE = new UserId("user-alice");

    private final AtomicInteger nextId = new AtomicInteger();
    private final IdGenerator ids = () -> "token-" + nextId.incrementAndGet();

    private Tokens service(JwtSettings settings, Clock clock) {
        return new Tokens(new JwtTokenIssuer(settings, clock, ids), new JwtTokenVerifier(settings, clock));
    }

    @Override
    protected Tokens newService(Clock clock) {
        return service(new JwtSettings(SECRET, ISSUER, AUDIENCE), clock);
    }

    @Override
    protected Tokens newServiceWithAnotherSecret(Clock clock) {
        return service(new JwtSettings(OTHER_SECRET, ISSUER, AUDIENCE), clock);
    }

    @Override
    protected Tokens newServiceWithAnotherIssuer(Clock clock) {
        return service(new JwtSettings(SECRET, "https://elsewhere.test", AUDIENCE), clock);
    }

    @Override
    protected Tokens newServiceWithAnotherAudience(Clock clock) {
        return service(new JwtSettings(SECRET, ISSUER, "another-api"), clock);
    }

    @Override
    protected Duration leeway() {
        return JwtSettings.DEFAULT_LEEWAY;
    }

    // --- what a token carries ---

    @Test
    void a_token_carries_the_issuers_claims_in_whole_seconds_and_is_signed_with_hs256() {
        IssuedToken issued = newService(clock).issue(ALICE, Role.DEVELOPER, CREDENTIALS);

        DecodedJWT jwt = JWT.decode(issued.token());

        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getIssuer()).isEqualTo(ISSUER);
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
        assertThat(jwt.getSubject()).isEqualTo("user-alice");
        assertThat(jwt.getClaim("role").asString()).isEqualTo("developer");
        assertThat(jwt.getId()).isEqualTo(issued.tokenId()).isEqualTo("token-1");
        assertThat(jwt.getIssuedAtAsInstant())
                .isEqualTo(issued.issuedAt())
                .isEqualTo(Instant.parse("2024-03-01T09:15:30Z"));
        assertThat(jwt.getExpiresAtAsInstant())
                .isEqualTo(issued.expiresAt())
                .isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
    }

    @Test
    void the_lifetime_comes_from_the_settings() {
        Tokens shortLived =
                service(new JwtSettings(SECRET, ISSUER, AUDIENCE, Duration.ofMinutes(5), Duration.ZERO), clock);

        IssuedToken issued = shortLived.issue(ALICE, Role.VIEWER, CREDENTIALS);

        assertThat(Duration.between(issued.issuedAt(), issued.expiresAt())).isEqualTo(Duration.ofMinutes(5));
        clock.setInstant(issued.expiresAt().minusSeconds(1));
        assertThat(shortLived.verify(issued.token())).isPresent();
        clock.setInstant(issued.expiresAt().plusSeconds(1));
        assertThat(shortLived.verify(issued.token())).isEmpty();
    }

    @Test
    void the_verifier_reads_the_injected_clock_not_the_system_clock() {
        // START is in 2024: with the system clock these tokens would long have expired
        Tokens service = newService(clock);
        IssuedToken issued = service.issue(ALICE, Role.VIEWER, CREDENTIALS);

        assertThat(service.verify(issued.token())).isPresent();
    }

    @Test
    void a_token_issued_beyond_the_leeway_in_the_future_is_refused() {
        Tokens service = newService(clock);
        IssuedToken issued = service.issue(ALICE, Role.VIEWER, CREDENTIALS);

        clock.setInstant(issued.issuedAt().minus(leeway()).minusSeconds(1));

        assertThat(service.verify(issued.token())).isEmpty();
    }

    // --- one string per token ---

    @Test
    void every_other_spelling_of_the_signatures_last_character_is_refused() {
        // base64url leaves that character's two low bits unused, so three other characters decode to the same bytes
        Tokens service = newService(clock);
        String token = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();
        String allButLast = token.substring(0, token.length() - 1);

        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            String spelled = allButLast + c;
            assertThat(service.verify(spelled).isPresent())
                    .as("ending in %s", c)
                    .isEqualTo(spelled.equals(token));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "==", " ", "\n", "."})
    void a_token_with_something_appended_is_refused(String suffix) {
        Tokens service = newService(clock);
        String token = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();

        assertThat(service.verify(token + suffix)).isEmpty();
        assertThat(service.verify(suffix + token)).isEmpty();
    }

    // --- forged tokens ---

    @Test
    void a_token_signed_by_the_test_helper_with_the_right_secret_is_accepted() {
        // the forgeries below differ from this one in one respect each; this shows the helper itself is sound
        String token = aGenuineToken().sign(Algorithm.HMAC256(SECRET));

        assertThat(newService(clock).verify(token)).map(VerifiedToken::role).contains(Role.VIEWER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void an_unsigned_token_is_refused(String none) {
        String genuine =
                newService(clock).issue(ALICE, Role.VIEWER, CREDENTIALS).token();
        String header = encode("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}");

        Tokens service = newService(clock);
        assertThat(service.verify(header + "." + part(genuine, 1) + ".")).isEmpty();
        assertThat(service.verify(header + "." + part(genuine, 1) + "." + part(genuine, 2)))
                .isEmpty();
        assertThat(service.verify(header + "." + part(genuine, 1))).isEmpty();
    }

    @Test
    void a_token_signed_by_java_jwts_none_algorithm_is_refused() {
        String token = aGenuineToken().sign(Algorithm.none());

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @Test
    void a_token_signed_with_hs512_and_the_same_secret_is_refused() {
        String token = aGenuineToken().sign(Algorithm.HMAC512(SECRET));

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @Test
    void a_token_signed_with_hs384_and_the_same_secret_is_refused() {
        String token = aGenuineToken().sign(Algorithm.HMAC384(SECRET));

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @Test
    void a_token_signed_with_rs256_is_refused() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String token = aGenuineToken()
                .sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "PS256", "HS512", "hs256", "HS256 ", "", "HMAC256"})
    void a_token_whose_header_names_another_algorithm_but_is_hmac_sha256_signed_with_the_secret_is_refused(String alg)
            throws GeneralSecurityException {
        // the algorithm confusion attack: the header picks the algorithm, the key is ours
        String genuine =
                newService(clock).issue(ALICE, Role.VIEWER, CREDENTIALS).token();
        String signingInput = encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + part(genuine, 1);

        String forged = signingInput + "." + hmacSha256(SECRET, signingInput);

        assertThat(newService(clock).verify(forged)).isEmpty();
    }

    @Test
    void a_token_without_an_algorithm_in_its_header_is_refused() throws GeneralSecurityException {
        String genuine =
                newService(clock).issue(ALICE, Role.VIEWER, CREDENTIALS).token();
        String signingInput = encode("{\"typ\":\"JWT\"}") + "." + part(genuine, 1);

        assertThat(newService(clock).verify(signingInput + "." + hmacSha256(SECRET, signingInput)))
                .isEmpty();
    }

    @Test
    void the_hand_made_hmac_matches_the_genuine_signature() throws GeneralSecurityException {
        // shows hmacSha256 is right, so the refusals above are down to the header, not to a broken helper
        String genuine =
                newService(clock).issue(ALICE, Role.VIEWER, CREDENTIALS).token();

        assertThat(hmacSha256(SECRET, part(genuine, 0) + "." + part(genuine, 1)))
                .isEqualTo(part(genuine, 2));
    }

    @Test
    void a_header_and_payload_from_one_token_with_the_signature_of_another_are_refused() {
        Tokens service = newService(clock);
        String viewer = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();
        String admin = service.issue(new UserId("user-mallory"), Role.ADMIN, CREDENTIALS)
                .token();

        assertThat(service.verify(part(admin, 0) + "." + part(admin, 1) + "." + part(viewer, 2)))
                .isEmpty();
        assertThat(service.verify(part(viewer, 0) + "." + part(admin, 1) + "." + part(viewer, 2)))
                .isEmpty();
    }

    @Test
    void a_payload_edited_to_the_admin_role_with_the_original_signature_is_refused() {
        Tokens service = newService(clock);
        String genuine = service.issue(ALICE, Role.VIEWER, CREDENTIALS).token();

        String forged = editPayload(genuine, json -> json.replace("\"role\":\"viewer\"", "\"role\":\"admin\""));

        assertThat(forged).isNotEqualTo(genuine);
        assertThat(service.verify(forged)).isEmpty();
    }

    @Test
    void a_payload_with_its_expiry_pushed_out_and_the_original_signature_is_refused() {
        Tokens service = newService(clock);
        IssuedToken genuine = service.issue(ALICE, Role.VIEWER, CREDENTIALS);
        long exp = genuine.expiresAt().getEpochSecond();

        String forged =
                editPayload(genuine.token(), json -> json.replace("\"exp\":" + exp, "\"exp\":" + (exp + 86_400 * 365)));

        assertThat(forged).isNotEqualTo(genuine.token());
        assertThat(service.verify(forged)).isEmpty();
    }

    // --- tokens signed with our secret whose claims are not ours ---

    @Test
    void a_token_with_an_unknown_role_is_refused() {
        String token = aGenuineToken().withClaim("role", "superuser").sign(Algorithm.HMAC256(SECRET));

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @Test
    void a_token_whose_role_is_not_a_string_is_refused() {
        String token = aGenuineToken().withClaim("role", 3).sign(Algorithm.HMAC256(SECRET));

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @Test
    void a_token_whose_subject_is_not_a_user_id_is_refused() {
        String token = aGenuineToken().withSubject("../etc/passwd").sign(Algorithm.HMAC256(SECRET));

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "role", "crd", "jti", "iat", "exp", "iss", "aud"})
    void a_token_missing_a_claim_is_refused(String missing) {
        JWTCreator.Builder builder = JWT.create();
        Instant iat = clock.instant().minusSeconds(10);
        if (!missing.equals("iss")) builder.withIssuer(ISSUER);
        if (!missing.equals("aud")) builder.withAudience(AUDIENCE);
        if (!missing.equals("sub")) builder.withSubject("user-alice");
        if (!missing.equals("role")) builder.withClaim("role", "viewer");
        if (!missing.equals("crd")) builder.withClaim("crd", 1_707_671_000_123_456L);
        if (!missing.equals("jti")) builder.withJWTId("token-x");
        if (!missing.equals("iat")) builder.withIssuedAt(iat);
        if (!missing.equals("exp")) builder.withExpiresAt(iat.plusSeconds(3600));

        assertThat(newService(clock).verify(builder.sign(Algorithm.HMAC256(SECRET))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"null", "[]", "\"text\"", "1", "{}", "{\"iss\":null}", "{\"exp\":\"soon\"}", "{\"aud\":[null]}"})
    void a_token_signed_with_our_secret_whose_payload_is_not_a_claims_object_is_refused_without_throwing(String payload)
            throws GeneralSecurityException {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(payload);

        assertThat(newService(clock).verify(signingInput + "." + hmacSha256(SECRET, signingInput)))
                .isEmpty();
    }

    @Test
    void a_token_with_an_empty_id_is_refused() {
        String token = aGenuineToken().withJWTId("").sign(Algorithm.HMAC256(SECRET));

        assertThat(newService(clock).verify(token)).isEmpty();
    }

    @Test
    void a_token_for_several_audiences_including_ours_is_accepted() {
        // aud may be a list (RFC 7519 4.1.3); ours being among them is what counts. Only our secret can sign it anyway.
        String token = aGenuineToken().withAudience("another-api", AUDIENCE).sign(Algorithm.HMAC256(SECRET));

        assertThat(newService(clock).verify(token)).isPresent();
    }

    @Test
    void the_service_does_not_show_its_secret() {
        assertThat(newService(clock).toString())
                .doesNotContain(new String(SECRET, StandardCharsets.UTF_8))
                .contains(ISSUER);
    }

    // --- helpers ---

    /** Claims as the service would issue them at the test clock's time, for a viewer. */
    private JWTCreator.Builder aGenuineToken() {
        Instant iat = clock.instant().minusSeconds(10);
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject("user-alice")
                .withClaim("role", "viewer")
                .withClaim("crd", 1_707_671_000_123_456L)
                .withJWTId("token-forged")
                .withIssuedAt(iat)
                .withExpiresAt(iat.plusSeconds(3600));
    }

    private static String part(String token, int index) {
        return token.split("\\.", -1)[index];
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String editPayload(String token, UnaryOperator<String> edit) {
        String payload = decode(part(token, 1));
        String edited = edit.apply(payload);
        assertThat(edited).as("the edit applies to %s", payload).isNotEqualTo(payload);
        return part(token, 0) + "." + encode(edited) + "." + part(token, 2);
    }

    private static String hmacSha256(byte[] secret, String signingInput) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
