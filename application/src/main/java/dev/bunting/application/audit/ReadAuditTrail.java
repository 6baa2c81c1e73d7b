package dev.bunting.application.audit;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.AuditPage;
import dev.bunting.domain.port.AuditQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A page of the audit trail: who changed what, when, where, and how. Every signed-in role may read the entries about
 * flags, their configs and environments. Entries about users and keys (emails, roles, who made which key) are read only
 * by those who may manage users and keys: admins. The store leaves the others out, so that pages stay full and cursors
 * right. A flag's trail outlives the flag: its entries are there after it is deleted, which is when they are most
 * wanted, so a flag that does not exist (any more) is an empty trail, not a missing one.
 */
public final class ReadAuditTrail {

    private final Store store;

    @Inject
    public ReadAuditTrail(Store store) {
        this.store = store;
    }

    public record Query(Principal principal, AuditQuery filter) {}

    public Outcome<AuditPage> read(Query query) {
        Optional<Outcome<AuditPage>> refused = Permissions.refusal(query.principal(), Action.READ);
        if (refused.isPresent()) {
            return refused.get();
        }
        AuditQuery filter =
                readable(query.principal()).map(query.filter()::onlyAbout).orElse(query.filter());
        return Outcome.done(
                store.inTransaction(repositories -> repositories.trail().list(filter)));
    }

    /** The types of entity whose entries {@code principal} may read; empty when it may read every entry. */
    private static Optional<Set<String>> readable(Principal principal) {
        boolean users = Permissions.refusal(principal, Action.MANAGE_USERS).isEmpty();
        boolean keys = Permissions.refusal(principal, Action.MANAGE_KEYS).isEmpty();
        if (users && keys) {
            return Optional.empty();
        }
        // a list of what may be read, not of what may not, so that a new kind of entity is hidden until decided on
        Set<String> types = new HashSet<>(Set.of(Entity.FLAG, Entity.ENVIRONMENT, Entity.EXPERIMENT));
        if (users) {
            types.add(Entity.USER);
        }
        if (keys) {
            types.add(Entity.KEY);
        }
        return Optional.of(types);
    }
}
