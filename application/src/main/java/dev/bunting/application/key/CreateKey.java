package dev.bunting.application.key;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.Checks;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.key.KeySecret;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.SecretGenerator;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Makes an API or SDK key. Admins only. The secret is returned this once; only its prefix and digest are kept. The key
 * is owned by the admin who made it, or, when an API key made it, by that key's owner.
 */
public final class CreateKey {

    /** Draws of a fresh id and secret before giving up; a clash of 48-bit ids or prefixes is already rare. */
    private static final int ATTEMPTS = 3;

    private final Store store;
    private final IdGenerator ids;
    private final SecretGenerator secrets;
    private final Clock clock;

    @Inject
    public CreateKey(Store store, IdGenerator ids, SecretGenerator secrets, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.secrets = secrets;
        this.clock = clock;
    }

    public record Command(Principal principal, String name, KeyScope scope) {
        public Command {
            Checks.requireText("name", name, 100);
            Checks.requirePresent("scope", scope);
        }
    }

    /** The key as stored, and the secret that is never shown again. */
    public record Created(AccessKey key, KeySecret secret) {}

    public Outcome<Created> create(Command command) {
        var refused = Permissions.<Created>refusal(command.principal(), Action.MANAGE_KEYS);
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        return store.inTransaction(repositories -> {
            if (command.scope() instanceof KeyScope.Evaluation evaluation
                    && repositories
                            .environments()
                            .find(evaluation.environment())
                            .isEmpty()) {
                return Outcome.notFound("environment '" + evaluation.environment() + "'");
            }
            // held until this commits, so a concurrent demotion of the owner either comes first and is seen below, or
            // waits and then finds the new key among those it revokes
            repositories.users().lockAdmins();
            Optional<UserId> owner = ownerOf(command.principal(), repositories);
            if (owner.isEmpty()) {
                return new Outcome.Forbidden<>(
                        "this API key predates recorded owners, so a key it made could outlive its maker's role; "
                                + "make keys as a signed-in admin");
            }
            if (repositories
                    .users()
                    .find(owner.get())
                    .filter(user -> user.role() != Role.ADMIN)
                    .isPresent()) {
                return new Outcome.Forbidden<>(
                        "making keys needs the admin role, which this key's owner no longer has");
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                KeySecret secret = KeySecret.of(command.scope(), secrets.randomText(KeySecret.RANDOM_LENGTH));
                AccessKey key = AccessKey.issue(
                        new KeyId(ids.newId()),
                        command.name(),
                        command.scope(),
                        secret,
                        now,
                        command.principal().actor().name(),
                        owner.get());
                if (repositories.keys().insert(key)) {
                    repositories
                            .audit()
                            .record(new AuditEntry(
                                    command.principal().actor(),
                                    "key.created",
                                    Entity.key(key.id()),
                                    environmentOf(key),
                                    null,
                                    key,
                                    now));
                    return Outcome.done(new Created(key, secret));
                }
            }
            throw new IllegalStateException(
                    "no free key id or prefix after " + ATTEMPTS + " draws; the generators are not random");
        });
    }

    /** The user on whose authority {@code principal} acts: itself, or the owner of the API key it presented. */
    private static Optional<UserId> ownerOf(Principal principal, Store.Repositories repositories) {
        return switch (principal) {
            case Principal.SignedIn user -> Optional.of(user.user());
            case Principal.ApiKey key ->
                repositories.keys().find(new KeyId(key.keyId())).map(AccessKey::owner);
        };
    }

    static @Nullable EnvironmentKey environmentOf(AccessKey key) {
        return key.scope() instanceof KeyScope.Evaluation evaluation ? evaluation.environment() : null;
    }
}
