package dev.bunting.adapter.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.TokenVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the HS256 bearer tokens that {@link JwtTokenIssuer} issues (java-jwt). It accepts only HS256 signed with the
 * configured secret, the configured issuer and audience, all of the issuer's claims present, and {@code exp} not passed by more than the leeway. Whether the token was revoked (its id, or an
 * {@code iat} before the user's credentials changed) is for the caller to decide.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    static final String ROLE_CLAIM = "role";

    /** When the credentials the token vouches for were set, in microseconds since the epoch (the store's precision). */
    static final String CREDENTIALS_CLAIM = "crd";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JwtSettings settings;
    private final JWTVerifier verifier;

    public JwtTokenVerifier(JwtSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        // BaseVerification.build(Clock) is java-jwt's way to check exp and iat against our clock instead of the
        // system's
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(settings.secret()))
                        .withIssuer(settings.issuer())
                        .withAudience(settings.audience())
                        .withClaimPresence("sub")
                        .withClaimPresence("jti")
                        .withClaimPresence("iat")
                        .withClaimPresence("exp")
                        .withClaimPresence(ROLE_CLAIM)
                        .withClaimPresence(CREDENTIALS_CLAIM)
                        .acceptLeeway(settings.leeway().toSeconds()))
                .build(clock);
    }

    /** @return empty for null, for anything that is not a token this service issued, and for an expired token */
    @Override
    public Optional<VerifiedToken> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            DecodedJWT jwt = verifier.verify(token);
            String tokenId = jwt.getId();
            if (!isCanonical(jwt.getSignature()) || tokenId == null || tokenId.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new VerifiedToken(
                    new UserId(jwt.getSubject()),
                    Role.fromWireName(ROLE_CLAIM, jwt.getClaim(ROLE_CLAIM).asString()),
                    tokenId,
                    jwt.getIssuedAtAsInstant(),
                    jwt.getExpiresAtAsInstant(),
                    Instant.EPOCH.plus(jwt.getClaim(CREDENTIALS_CLAIM).asLong(), ChronoUnit.MICROS)));
        } catch (JWTVerificationException | InvalidInputException refused) {
            // forged, foreign, malformed or expired (java-jwt), or signed by us with claims that are not ours (domain)
            return Optional.empty();
        } catch (RuntimeException malformed) {
            // java-jwt 4.6.2 lets some malformed input escape as other exceptions: a header or payload that is the JSON
            // literal null throws NullPointerException. Verify must never throw, so whatever the input, refuse it.
            return Optional.empty();
        }
    }

    /**
     * Whether the signature is in the one form {@link JwtTokenIssuer} writes. Base64url leaves the low bits of a 43-character
     * HS256 signature's last character unused and java-jwt also accepts '=' padding, so without this check four
     * spellings of the last character, with or without padding, would all verify: the same token, but no longer one
     * string per token.
     */
    private static boolean isCanonical(String signature) {
        return ENCODER.encodeToString(DECODER.decode(signature)).equals(signature);
    }

    @Override
    public String toString() {
        return "JwtTokenVerifier[" + settings + "]";
    }
}
