package dev.bunting.adapter.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.TokenIssuer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Issues HS256 bearer tokens (java-jwt) carrying {@code iss}, {@code aud}, {@code sub} (the user id), {@code role} (its
 * wire name), {@value JwtTokenVerifier#CREDENTIALS_CLAIM} (when the credentials were set), {@code jti}, {@code iat} and
 * {@code exp}, the times in whole seconds from the injected clock. {@link JwtTokenVerifier} with the same settings
 * accepts them.
 */
public final class JwtTokenIssuer implements TokenIssuer {

    private final JwtSettings settings;
    private final Clock clock;
    private final IdGenerator ids;
    private final Algorithm algorithm;

    public JwtTokenIssuer(JwtSettings settings, Clock clock, IdGenerator ids) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.algorithm = Algorithm.HMAC256(settings.secret());
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
                .withClaim(JwtTokenVerifier.ROLE_CLAIM, role.wireName())
                .withClaim(
                        JwtTokenVerifier.CREDENTIALS_CLAIM,
                        ChronoUnit.MICROS.between(Instant.EPOCH, credentialsChangedAt))
                .withJWTId(tokenId)
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt)
                .sign(algorithm);
        return new IssuedToken(token, tokenId, issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "JwtTokenIssuer[" + settings + "]";
    }
}
