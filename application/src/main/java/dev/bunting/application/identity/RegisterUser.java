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
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Opens an account. A registered user is a viewer until an admin grants more. */
public final class RegisterUser {

    private final Store store;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RegistrationPolicy registration;
    private final IdGenerator ids;
    private final Clock clock;

    @Inject
    public RegisterUser(Store store, PasswordHasher hasher, PasswordPolicy policy, RegistrationPolicy registration, IdGenerator ids, Clock clock) {
        this.registration = registration;
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
    }

    /** The password is checked against the policy before anything is hashed or stored. */
    public record Command(Email email, String password) {
        @Override
        public String toString() {
            return "Command[" + email + "]";
        }
    }

    public Outcome<User> register(Command command) {
        Optional<String> refused = registration.refusal(command.email());
        if (refused.isPresent()) {
            return new Outcome.Forbidden<>(refused.get());
        }
        policy.check("password", command.password());
        Instant now = clock.instant();
        User user = new User(new UserId(ids.newId()), command.email(), hasher.hash(command.password()), Role.VIEWER, now, now);
        return store.inTransaction(repositories -> {
            if (!repositories.users().insert(user)) {
                return new Outcome.AlreadyExists<>("a user with email '" + command.email() + "'");
            }
            repositories.audit().record(new AuditEntry(Actor.user(user.id().value(), user.email().value()), "user.registered", Entity.user(user.id()),
                    null, user, now));
            return Outcome.done(user);
        });
    }
}
