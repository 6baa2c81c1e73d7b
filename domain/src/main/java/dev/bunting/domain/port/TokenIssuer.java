package dev.bunting.domain.port;

import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import java.time.Instant;

/** Issues the bearer tokens of signed-in users; only sign-in needs it, so a runtime that only checks tokens goes without. */
public interface TokenIssuer {

    /**
     * @param credentialsChangedAt when the user's credentials last changed: a token vouches for these credentials
     *                             only, so any later change (a new password) retires it however soon it follows
     */
    IssuedToken issue(UserId user, Role role, Instant credentialsChangedAt);

    /** @param tokenId unique per token, so one token can be revoked */
    record IssuedToken(String token, String tokenId, Instant issuedAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[" + tokenId + ", expires " + expiresAt + "]";
        }
    }
}
