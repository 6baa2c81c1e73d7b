package dev.bunting.adapter.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.TokenService;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * HS256 bearer tokens (java-jwt). A token carries {@code iss}, {@code aud}, {@code sub} (the user id), {@code role}
 * (its wire name), {@code jti}, {@code iat} and {@code exp}, the times in whole seconds from the injected clock.
 * Verification accepts only HS256 signed with the configured secret, the configured issuer and audience, all of those
 * claims present, and {@code exp} not passed by more than the leeway. Whether the token was revoked (its id, or an
 * {@code iat} before the user's credentials changed) is for the caller to decide.
 */
public final class JwtTokenService implements TokenService {

    static final String ROLE_CLAIM = "role";

    /** When the credentials the token vouches for were set, in microseconds since the epoch (the store's precision). */

    static final String CREDENTIALS_CLAIM = "crd";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JwtSettings settings;
    private final Clock clock;
    private final IdGenerator ids;
    private final Algorithm algorithm;
    private final JWTVerifier verifier;

    public JwtTokenService(JwtSettings settings, Clock clock, IdGenerator ids) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.algorithm = Algorithm.HMAC256(settings.secret());
        // BaseVerification.build(Clock) is java-jwt's way to check exp and iat against our clock instead of the system's
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
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

    @Override
    public IssuedToken issue(UserId user, Role role, Instant credentialsChangedAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(credentialsChangedAt, "credentialsChangedAt");
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(settings.lifetime());
        String tokenId = ids.newId();
        String token = JWT.create()
                .withIssuer(settings.issuer())
                .withAudience(settings.audience())
                .withSubject(user.value())
                .withClaim(ROLE_CLAIM, role.wireName())
                .withClaim(CREDENTIALS_CLAIM, ChronoUnit.MICROS.between(Instant.EPOCH, credentialsChangedAt))
                .withJWTId(tokenId)
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt)
                .sign(algorithm);
        return new IssuedToken(token, tokenId, issuedAt, expiresAt);
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
     * Whether the signature is in the one form {@link #issue} writes. Base64url leaves the low bits of a 43-character
     * HS256 signature's last character unused and java-jwt also accepts '=' padding, so without this check four
     * spellings of the last character, with or without padding, would all verify: the same token, but no longer one
     * string per token.
     */
    private static boolean isCanonical(String signature) {
        return ENCODER.encodeToString(DECODER.decode(signature)).equals(signature);
    }

    @Override
    public String toString() {
        return "JwtTokenService[" + settings + "]";
    }
}
