package dev.bunting.application.identity;

import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.TokenIssuer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Exchanges an email and password for a bearer token. An unknown email costs the same hashing work as a wrong
 * password, so response times do not tell which accounts exist. Hashes made with older parameters are replaced.
 * Repeated failures for one account or from one address are throttled before any password is checked.
 */
public final class SignIn {

    private final Store store;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final SignInThrottle throttle;
    /** Hashed on first use, not when built: a Lambda snapshot must not carry a salt drawn during init. */
    private volatile @Nullable PasswordHash decoy;

    @Inject
    public SignIn(Store store, PasswordHasher hasher, TokenIssuer tokens, SignInThrottle throttle) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** @param sourceAddress where the attempt comes from; failures are counted per account and per address */
    public record Command(Email email, String password, String sourceAddress) {
        @Override
        public String toString() {
            return "Command[" + email + "]";
        }
    }

    public sealed interface Result {
        record SignedIn(User user, TokenIssuer.IssuedToken token) implements Result {}

        /** Unknown email or wrong password: deliberately not told apart. */
        record Rejected() implements Result {}

        /** Too many recent failures for this account or address; nothing was checked. */
        record Throttled(Duration retryAfter) implements Result {}
    }

    public Result signIn(Command command) {
        String account = accountKey(command.email());
        String address = addressKey(command.sourceAddress());
        Duration wait = longer(throttle.waitBefore(account), throttle.waitBefore(address));
        if (!wait.isZero()) {
            return new Result.Throttled(wait);
        }
        Optional<User> found =
                store.inTransaction(repositories -> repositories.users().findByEmail(command.email()));
        boolean matches;
        if (found.isPresent()) {
            matches = hasher.matches(found.get().passwordHash(), command.password());
        } else {
            hasher.matches(decoy(), command.password());
            matches = false;
        }
        if (!matches) {
            throttle.recordFailure(account);
            throttle.recordFailure(address);
            return new Result.Rejected();
        }
        throttle.recordSuccess(account);
        User user = found.get();
        if (hasher.needsRehash(user.passwordHash())) {
            User rehashed = user.withPasswordHash(hasher.hash(command.password()), user.credentialsChangedAt());
            store.inTransaction(repositories -> repositories.users().update(rehashed));
        }
        return new Result.SignedIn(user, tokens.issue(user.id(), user.role(), user.credentialsChangedAt()));
    }

    private PasswordHash decoy() {
        PasswordHash hash = decoy;
        if (hash == null) {
            hash = hasher.hash("a password nobody has, hashed so unknown emails cost what known ones do");
            decoy = hash;
        }
        return hash;
    }

    /** The throttle's key for an account's failures, shared by every check of its password. */
    static String accountKey(Email email) {
        return "account:" + email;
    }

    static String addressKey(String sourceAddress) {
        return "address:" + sourceAddress;
    }

    static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
