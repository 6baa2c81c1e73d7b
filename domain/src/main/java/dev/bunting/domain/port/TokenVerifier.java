package dev.bunting.domain.port;

import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import java.time.Instant;
import java.util.Optional;

/** Checks the bearer tokens that a {@link TokenIssuer} with the same settings issued. */
public interface TokenVerifier {

    /**
     * Checks signature, algorithm, issuer, audience and expiry.
     *
     * @return the token's claims, or empty for any token the issuer would not have issued or that has expired
     */
    Optional<VerifiedToken> verify(String token);

    record VerifiedToken(
            UserId user,
            Role role,
            String tokenId,
            Instant issuedAt,
            Instant expiresAt,
            Instant credentialsChangedAt) {}
}
