package dev.bunting.domain.key;

import dev.bunting.domain.Checks;

import java.time.Instant;

/**
 * A key as stored: never the secret itself, only its prefix and digest.
 *
 * @param createdBy  the name of whoever created it, for the key list
 * @param lastUsedAt when it last authenticated a request, to the minute at best; null when never
 * @param revokedAt  when it was revoked; null while it works
 */
public record AccessKey(KeyId id, String name, KeyScope scope, String prefix, String digest, Instant createdAt, String createdBy,
                        Instant lastUsedAt, Instant revokedAt) {

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
    public static AccessKey issue(KeyId id, String name, KeyScope scope, KeySecret secret, Instant now, String createdBy) {
        return new AccessKey(id, name, scope, secret.prefix(), secret.digest(), now, createdBy, null, null);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public AccessKey revokedAt(Instant at) {
        return new AccessKey(id, name, scope, prefix, digest, createdAt, createdBy, lastUsedAt, at);
    }

    public AccessKey usedAt(Instant at) {
        return new AccessKey(id, name, scope, prefix, digest, createdAt, createdBy, at, revokedAt);
    }
}
