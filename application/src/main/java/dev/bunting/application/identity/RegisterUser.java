package dev.bunting.application.identity;

import dev.bunting.application.Outcome;
import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens an account. A registered user is a viewer until an admin grants more.
 *
 * <p>The answer does not tell an outsider which addresses have accounts. An address that has one, or that looks like
 * one that has (the same {@link Email#skeleton()}: {@code rооt@} in Cyrillic for {@code root@}), gets the same answer
 * as a new one, after the same hashing work: an account with a new id, which was never stored. The existing account
 * is untouched, and the caller cannot sign in to either with the password they sent. Each attempt counts against the
 * source address in the sign-in throttle, under its own key, so addresses cannot be probed (or accounts mass-created)
 * faster than the throttle allows.
 */
public final class RegisterUser {

    private final Store store;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RegistrationPolicy registration;
    private final SignInThrottle throttle;
    private final IdGenerator ids;
    private final Clock clock;

    @Inject
    public RegisterUser(
            Store store,
            PasswordHasher hasher,
            PasswordPolicy policy,
            RegistrationPolicy registration,
            SignInThrottle throttle,
            IdGenerator ids,
            Clock clock) {
        this.registration = registration;
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The password is checked against the policy before anything is hashed or stored.
     *
     * @param sourceAddress where the attempt comes from; registrations are counted per address
     */
    public record Command(Email email, String password, String sourceAddress) {
        @Override
        public String toString() {
            return "Command[" + email + "]";
        }
    }

    public Outcome<User> register(Command command) {
        String address = "registration:" + SignIn.addressKey(command.sourceAddress());
        Duration wait = throttle.waitBefore(address);
        if (!wait.isZero()) {
            return new Outcome.Throttled<>(wait);
        }
        throttle.recordFailure(address);
        Optional<String> refused = registration.refusal(command.email());
        if (refused.isPresent()) {
            return new Outcome.Forbidden<>(refused.get());
        }
        policy.check("password", command.password(), command.email());
        Instant now = clock.instant();
        User user = new User(
                new UserId(ids.newId()), command.email(), hasher.hash(command.password()), Role.VIEWER, now, now);
        return store.inTransaction(repositories -> {
            if (repositories.users().insert(user)) {
                repositories
                        .audit()
                        .record(new AuditEntry(
                                Actor.user(user.id().value(), user.email().value()),
                                "user.registered",
                                Entity.user(user.id()),
                                null,
                                user,
                                now));
            }
            return Outcome.done(user);
        });
    }
}
