package dev.bunting.domain.port;

import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;

import java.time.Instant;
import java.util.Optional;

/** Issues and verifies the bearer tokens of signed-in users. */
public interface TokenService {

    /**
     * @param credentialsChangedAt when the user's credentials last changed: a token vouches for these credentials
     *                             only, so any later change (a new password) retires it however soon it follows
     */
    IssuedToken issue(UserId user, Role role, Instant credentialsChangedAt);

    /**
     * Checks signature, algorithm, issuer, audience and expiry.
     *
     * @return the token's claims, or empty for any token this service would not have issued or that has expired
     */
    Optional<VerifiedToken> verify(String token);

    /** @param tokenId unique per token, so one token can be revoked */
    record IssuedToken(String token, String tokenId, Instant issuedAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[" + tokenId + ", expires " + expiresAt + "]";
        }
    }

    record VerifiedToken(UserId user, Role role, String tokenId, Instant issuedAt, Instant expiresAt, Instant credentialsChangedAt) {
    }
}
