package dev.bunting.application.audit;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.AuditPage;
import dev.bunting.domain.port.AuditQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * A page of the audit trail: who changed what, when, where, and how. Reading it is reading, so every signed-in role
 * may. A flag's trail outlives the flag: its entries are there after it is deleted, which is when they are most
 * wanted, so a flag that does not exist (any more) is an empty trail, not a missing one.
 */
public final class ReadAuditTrail {

    private final Store store;

    @Inject
    public ReadAuditTrail(Store store) {
        this.store = store;
    }

    public record Query(Principal principal, AuditQuery filter) {
    }

    public Outcome<AuditPage> read(Query query) {
        Optional<Outcome<AuditPage>> refused = Permissions.refusal(query.principal(), Action.READ);
        if (refused.isPresent()) {
            return refused.get();
        }
        return Outcome.done(store.inTransaction(repositories -> repositories.trail().list(query.filter())));
    }
}
