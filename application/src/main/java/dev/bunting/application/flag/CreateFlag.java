package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Defines a new flag. It starts off in every environment. */
public final class CreateFlag {

    private final Store store;
    private final ConfigCache cache;
    private final Clock clock;

    @Inject
    public CreateFlag(Store store, ConfigCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * @param name     defaults to the key
     * @param variants defaults to true/false for a boolean flag; required for other kinds
     * @param salt     defaults to the key
     * @param bucketBy defaults to the targeting key
     */
    public record Command(
            Principal principal,
            FlagKey key,
            String name,
            String description,
            List<String> tags,
            FlagKind kind,
            List<Variant> variants,
            String salt,
            String bucketBy) {}

    public Outcome<Flag> create(Command command) {
        Optional<Outcome<Flag>> refused = Permissions.refusal(command.principal(), Action.DEFINE_FLAG);
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        FlagKind kind = command.kind() == null ? FlagKind.BOOLEAN : command.kind();
        Flag flag = new Flag(
                command.key(),
                command.name() == null ? command.key().value() : command.name(),
                command.description(),
                command.tags() == null ? List.of() : command.tags(),
                kind,
                command.variants() == null && kind == FlagKind.BOOLEAN
                        ? Flag.booleanVariants()
                        : command.variants() == null ? List.of() : command.variants(),
                command.salt() == null ? command.key().value() : command.salt(),
                command.bucketBy() == null ? Flag.TARGETING_KEY : command.bucketBy(),
                1,
                now,
                now);
        Outcome<Flag> outcome = store.inTransaction(repositories -> {
            if (!repositories.flags().insert(flag)) {
                return new Outcome.AlreadyExists<>("flag '" + flag.key() + "'");
            }
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(), "flag.created", Entity.flag(flag.key()), null, flag, now));
            return Outcome.done(flag);
        });
        cache.invalidateAll();
        return outcome;
    }
}
