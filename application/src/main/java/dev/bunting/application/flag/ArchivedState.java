package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * What archiving and restoring share: the permission (that of deleting, since either ends or resumes evaluation in
 * every environment at once), the version check, the audited write, and the invalidation of every environment's cached
 * config, so evaluations follow at once.
 */
final class ArchivedState {

    private final Store store;
    private final ConfigCache cache;
    private final Clock clock;

    ArchivedState(Store store, ConfigCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /** Why the flag, as it is now, cannot make this change; empty when it can. */
    @FunctionalInterface
    interface Refusal {
        Optional<String> of(Flag current, Store.Repositories repositories);
    }

    /**
     * Without an expected version, a concurrent update between the read and the write is retried, not reported: the
     * caller asked for the state, whatever the version.
     */
    Outcome<Flag> change(
            Principal principal,
            FlagKey key,
            OptionalLong expectedVersion,
            String action,
            Refusal refusal,
            BiFunction<Flag, Instant, Flag> next) {
        Optional<Outcome<Flag>> forbidden = Permissions.refusal(principal, Action.ARCHIVE_FLAG);
        if (forbidden.isPresent()) {
            return forbidden.get();
        }
        Outcome<Flag> outcome;
        do {
            outcome = store.inTransaction(r -> attempt(principal, key, expectedVersion, action, refusal, next, r));
        } while (expectedVersion.isEmpty() && outcome instanceof Outcome.VersionConflict);
        if (outcome instanceof Outcome.Done) {
            cache.invalidateAll();
        }
        return outcome;
    }

    private Outcome<Flag> attempt(
            Principal principal,
            FlagKey key,
            OptionalLong expectedVersion,
            String action,
            Refusal refusal,
            BiFunction<Flag, Instant, Flag> next,
            Store.Repositories repositories) {
        Optional<Flag> found = repositories.flags().find(key);
        if (found.isEmpty()) {
            return Outcome.notFound("flag '" + key + "'");
        }
        Flag current = found.get();
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            return new Outcome.VersionConflict<>("flag '" + key + "'", current.version());
        }
        Optional<String> refused = refusal.of(current, repositories);
        if (refused.isPresent()) {
            return new Outcome.Refused<>(refused.get());
        }
        Instant now = clock.instant();
        Flag changed = next.apply(current, now);
        if (!repositories.flags().update(changed)) {
            return new Outcome.VersionConflict<>("flag '" + key + "'", current.version());
        }
        repositories.audit().record(new AuditEntry(principal.actor(), action, Entity.flag(key), current, changed, now));
        return Outcome.done(changed);
    }
}
