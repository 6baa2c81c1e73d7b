package dev.bunting.application.identity;

import dev.bunting.application.Outcome;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Replaces the signed-in user's password, given the current one. Every token issued before the change stops working,
 * this session's included, so a leaked token dies with the old password.
 *
 * <p>Checking the current password is a guess at it, so it shares sign-in's throttle and counts: a wrong current
 * password is a failure for the account and for the address, as at sign-in, and a throttled account or address is
 * refused before anything is checked. Otherwise a stolen token would be an unthrottled oracle for the password.
 */
public final class ChangePassword {

    private final Store store;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;
    private final Clock clock;

    @Inject
    public ChangePassword(
            Store store, PasswordHasher hasher, PasswordPolicy policy, SignInThrottle throttle, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** @param sourceAddress where the attempt comes from; failures are counted per account and per address, as at sign-in */
    public record Command(Session session, String currentPassword, String newPassword, String sourceAddress) {
        @Override
        public String toString() {
            return "Command[" + session.principal().email() + "]";
        }
    }

    public Outcome<User> change(Command command) {
        policy.check(
                "new_password",
                command.newPassword(),
                command.session().principal().email());
        String account = SignIn.accountKey(command.session().principal().email());
        String address = SignIn.addressKey(command.sourceAddress());
        Duration wait = SignIn.longer(throttle.waitBefore(account), throttle.waitBefore(address));
        if (!wait.isZero()) {
            return new Outcome.Throttled<>(wait);
        }
        Optional<User> found = store.inTransaction(repositories ->
                repositories.users().find(command.session().principal().user()));
        if (found.isEmpty()) {
            return Outcome.notFound("user '" + command.session().principal().user() + "'");
        }
        if (!hasher.matches(found.get().passwordHash(), command.currentPassword())) {
            throttle.recordFailure(account);
            throttle.recordFailure(address);
            return new Outcome.Forbidden<>("the current password is wrong");
        }
        throttle.recordSuccess(account);
        Instant now = clock.instant();
        User changed = found.get().withPasswordHash(hasher.hash(command.newPassword()), now);
        return store.inTransaction(repositories -> {
            repositories.users().update(changed);
            repositories
                    .users()
                    .revokeToken(command.session().tokenId(), command.session().expiresAt());
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.session().principal().actor(),
                            "user.password_changed",
                            Entity.user(changed.id()),
                            null,
                            null,
                            now));
            return Outcome.done(changed);
        });
    }
}
