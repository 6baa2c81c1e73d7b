package dev.bunting.domain.key;

import dev.bunting.domain.Checks;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A key as stored: never the secret itself, only its prefix and digest.
 *
 * @param createdBy  the name of whoever created it, for the key list
 * @param owner      the user on whose authority it acts: whoever created it, or the owner of the key that created it.
 *                   Lowering the owner's role revokes the owner's API keys above the new role, so a key never acts
 *                   above its maker. Null only for a key made before owners were recorded whose maker the audit trail
 *                   does not name
 * @param lastUsedAt when it last authenticated a request, to the minute at best; null when never
 * @param revokedAt  when it was revoked; null while it works
 */
public record AccessKey(
        KeyId id,
        String name,
        KeyScope scope,
        String prefix,
        String digest,
        Instant createdAt,
        String createdBy,
        @Nullable UserId owner,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public AccessKey {
        Checks.requirePresent("id", id);
        Checks.requireText("name", name, 100);
        Checks.requirePresent("scope", scope);
        Checks.requireText("prefix", prefix, 40);
        Checks.requireText("digest", digest, 64);
        Checks.requirePresent("created_at", createdAt);
        Checks.requireText("created_by", createdBy, 320);
    }

    /** A key that has just been made from {@code secret}. */
    public static AccessKey issue(
            KeyId id, String name, KeyScope scope, KeySecret secret, Instant now, String createdBy, UserId owner) {
        Checks.requirePresent("owner", owner);
        return new AccessKey(id, name, scope, secret.prefix(), secret.digest(), now, createdBy, owner, null, null);
    }

    /** Whether this is a working API key of {@code user}'s whose role is above {@code role}. */
    public boolean actsAbove(UserId user, Role role) {
        return !isRevoked()
                && user.equals(owner)
                && scope instanceof KeyScope.Management management
                && management.role().compareTo(role) > 0;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public AccessKey revokedAt(Instant at) {
        return new AccessKey(id, name, scope, prefix, digest, createdAt, createdBy, owner, lastUsedAt, at);
    }

    public AccessKey usedAt(Instant at) {
        return new AccessKey(id, name, scope, prefix, digest, createdAt, createdBy, owner, at, revokedAt);
    }
}
