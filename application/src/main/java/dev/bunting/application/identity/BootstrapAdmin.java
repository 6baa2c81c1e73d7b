package dev.bunting.application.identity;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Creates the first admin of an installation from configuration. Does nothing once any user exists, so the
 * configured password cannot be used later to take over an account.
 */
public final class BootstrapAdmin {

    static final Actor BOOTSTRAP = Actor.system("bootstrap");

    private final Store store;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final IdGenerator ids;
    private final Clock clock;

    @Inject
    public BootstrapAdmin(Store store, PasswordHasher hasher, PasswordPolicy policy, IdGenerator ids, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
    }

    /** @return the admin created, or empty when the installation already had users */
    public Optional<User> createIfNoUsers(Email email, String password) {
        policy.check("BUNTING_ADMIN_PASSWORD", password, email);
        Instant now = clock.instant();
        User admin = new User(new UserId(ids.newId()), email, hasher.hash(password), Role.ADMIN, now, now);
        return store.inTransaction(repositories -> {
            if (repositories.users().count() > 0 || !repositories.users().insert(admin)) {
                return Optional.<User>empty();
            }
            repositories
                    .audit()
                    .record(new AuditEntry(BOOTSTRAP, "user.bootstrapped", Entity.user(admin.id()), null, admin, now));
            return Optional.of(admin);
        });
    }
}
