package dev.bunting.application.identity;

import dev.bunting.application.Outcome;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives a user another role. Admins only; the last admin cannot step down, so the installation never locks itself out,
 * even when two admins take the role from each other at the same moment. A lowered role revokes the user's API keys
 * above it, each audited, so a key never acts above its maker.
 */
public final class ChangeUserRole {

    private final Store store;
    private final KeyRevocations revocations;
    private final Clock clock;

    @Inject
    public ChangeUserRole(Store store, KeyRevocations revocations, Clock clock) {
        this.store = store;
        this.revocations = revocations;
        this.clock = clock;
    }

    public record Command(Principal principal, UserId user, Role role) {}

    public Outcome<User> change(Command command) {
        Optional<Outcome<User>> refused = Permissions.refusal(command.principal(), Action.MANAGE_USERS);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<AccessKey> revoked = new ArrayList<>();
        Outcome<User> outcome = store.inTransaction(repositories -> {
            // before reading the user, so that what is read next is what a concurrent change of role left
            List<User> admins = repositories.users().lockAdmins();
            Optional<User> found = repositories.users().find(command.user());
            if (found.isEmpty()) {
                return Outcome.notFound("user '" + command.user() + "'");
            }
            User current = found.get();
            boolean lastAdminSteppingDown = current.role() == Role.ADMIN
                    && command.role() != Role.ADMIN
                    && admins.stream().allMatch(admin -> admin.id().equals(current.id()));
            if (lastAdminSteppingDown) {
                return new Outcome.Refused<>(
                        "'" + current.email() + "' is the only admin; make someone else admin first");
            }
            User changed = current.withRole(command.role());
            Instant now = clock.instant();
            repositories.users().update(changed);
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(),
                            "user.role_changed",
                            Entity.user(current.id()),
                            current,
                            changed,
                            now));
            revoked.addAll(revocations.revoke(
                    repositories,
                    command.principal().actor(),
                    key -> key.actsAbove(current.id(), command.role()),
                    now));
            return Outcome.done(changed);
        });
        revocations.forget(revoked);
        return outcome;
    }
}
