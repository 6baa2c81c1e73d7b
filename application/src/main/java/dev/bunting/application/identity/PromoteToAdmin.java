package dev.bunting.application.identity;

import dev.bunting.application.Outcome;
import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes an existing user an admin from the operator's command line (make-admin). Whoever can run it can
 * already reach the database, so no signed-in admin is asked for; the audit trail names the operator.
 */
public final class PromoteToAdmin {

    private final Store store;
    private final Clock clock;

    @Inject
    public PromoteToAdmin(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Outcome<User> promote(Email email, Actor operator) {
        return store.inTransaction(repositories -> {
            Optional<User> found = repositories.users().findByEmail(email);
            if (found.isEmpty()) {
                return Outcome.notFound("user '" + email + "'");
            }
            User admin = found.get().withRole(Role.ADMIN);
            repositories.users().update(admin);
            repositories
                    .audit()
                    .record(new AuditEntry(
                            operator,
                            "user.role_changed",
                            Entity.user(admin.id()),
                            found.get(),
                            admin,
                            clock.instant()));
            return Outcome.done(admin);
        });
    }
}
