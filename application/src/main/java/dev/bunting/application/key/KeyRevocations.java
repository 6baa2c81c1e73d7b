package dev.bunting.application.key;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.port.KeyCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Revokes keys as part of another change (an environment deleted, a role lowered), each with its own audit entry, and
 * has this instance refuse them at once once that change has committed, as {@link RevokeKey} does for one key.
 */
public final class KeyRevocations {

    private final KeyCache cache;
    private final KnownKeys known;

    @Inject
    public KeyRevocations(KeyCache cache, KnownKeys known) {
        this.cache = cache;
        this.known = known;
    }

    /** Revokes every working key that {@code which} selects, in {@code repositories}' unit of work; returns them revoked. */
    public List<AccessKey> revoke(
            Store.Repositories repositories, Actor actor, Predicate<AccessKey> which, Instant at) {
        List<AccessKey> revoked = new ArrayList<>();
        for (AccessKey key : repositories.keys().list()) {
            if (!key.isRevoked() && which.test(key) && repositories.keys().revoke(key.id(), at)) {
                AccessKey after = key.revokedAt(at);
                repositories
                        .audit()
                        .record(new AuditEntry(
                                actor,
                                "key.revoked",
                                Entity.key(key.id()),
                                CreateKey.environmentOf(key),
                                key,
                                after,
                                at));
                revoked.add(after);
            }
        }
        return revoked;
    }

    /** Once the unit of work that revoked {@code revoked} has committed: this instance refuses them from now on. */
    public void forget(List<AccessKey> revoked) {
        if (!revoked.isEmpty()) {
            cache.invalidateAll();
            revoked.forEach(key -> known.forget(key.digest()));
        }
    }
}
