package dev.bunting.application.identity;

import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.TokenService;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Optional;

/**
 * Exchanges an email and password for a bearer token. An unknown email costs the same hashing work as a wrong
 * password, so response times do not tell which accounts exist. Hashes made with older parameters are replaced.
 */
public final class SignIn {

    private final Store store;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final Clock clock;
    private final dev.bunting.domain.identity.PasswordHash decoy;

    @Inject
    public SignIn(Store store, PasswordHasher hasher, TokenService tokens, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.decoy = hasher.hash("a password nobody has, hashed so unknown emails cost what known ones do");
    }

    public record Command(Email email, String password) {
        @Override
        public String toString() {
            return "Command[" + email + "]";
        }
    }

    public sealed interface Result {
        record SignedIn(User user, TokenService.IssuedToken token) implements Result {
        }

        /** Unknown email or wrong password: deliberately not told apart. */
        record Rejected() implements Result {
        }
    }

    public Result signIn(Command command) {
        Optional<User> found = store.inTransaction(repositories -> repositories.users().findByEmail(command.email()));
        if (found.isEmpty()) {
            hasher.matches(decoy, command.password());
            return new Result.Rejected();
        }
        User user = found.get();
        if (!hasher.matches(user.passwordHash(), command.password())) {
            return new Result.Rejected();
        }
        if (hasher.needsRehash(user.passwordHash())) {
            User rehashed = user.withPasswordHash(hasher.hash(command.password()), user.credentialsChangedAt());
            store.inTransaction(repositories -> repositories.users().update(rehashed));
        }
        return new Result.SignedIn(user, tokens.issue(user.id(), user.role()));
    }
}
