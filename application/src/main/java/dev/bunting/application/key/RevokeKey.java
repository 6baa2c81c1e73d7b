package dev.bunting.application.key;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.port.KeyCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Revokes a key: from the moment this returns, this instance refuses it, even while the store is down. Admins only.
 * Revoking twice is refused, so the audit trail records one revocation.
 */
public final class RevokeKey {

    private final Store store;
    private final KeyCache cache;
    private final KnownKeys known;
    private final Clock clock;

    @Inject
    public RevokeKey(Store store, KeyCache cache, KnownKeys known, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.known = known;
        this.clock = clock;
    }

    public record Command(Principal principal, KeyId key) {}

    public Outcome<AccessKey> revoke(Command command) {
        var refused = Permissions.<AccessKey>refusal(command.principal(), Action.MANAGE_KEYS);
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        Outcome<AccessKey> outcome = store.inTransaction(repositories -> {
            Optional<AccessKey> found = repositories.keys().find(command.key());
            if (found.isEmpty()) {
                return Outcome.notFound("key '" + command.key() + "'");
            }
            if (!repositories.keys().revoke(command.key(), now)) {
                return new Outcome.Refused<>("key '" + command.key() + "' was revoked already");
            }
            AccessKey revoked = found.get().revokedAt(now);
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(),
                            "key.revoked",
                            Entity.key(command.key()),
                            CreateKey.environmentOf(revoked),
                            found.get(),
                            revoked,
                            now));
            return Outcome.done(revoked);
        });
        cache.invalidateAll();
        if (outcome instanceof Outcome.Done<AccessKey> done) {
            // or it would go on working here while the store is down
            known.forget(done.value().digest());
        }
        return outcome;
    }
}
