package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.identity.AccessPolicy;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Replaces a flag's definition. Its kind is fixed, and variants still served in some environment cannot be removed. A
 * change that alters what a protected environment serves (a variant's value, the salt or bucket_by where units are
 * split) needs the role that changing that environment's config needs; names, descriptions and tags stay open to
 * developers.
 */
public final class UpdateFlag {

    private final Store store;
    private final ConfigCache cache;
    private final Clock clock;

    @Inject
    public UpdateFlag(Store store, ConfigCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /** Null fields keep their current value. */
    public record Command(
            Principal principal,
            FlagKey key,
            long expectedVersion,
            String name,
            String description,
            List<String> tags,
            FlagKind kind,
            List<Variant> variants,
            String salt,
            String bucketBy) {}

    public Outcome<Flag> update(Command command) {
        Optional<Outcome<Flag>> refused = Permissions.refusal(command.principal(), Action.DEFINE_FLAG);
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        Outcome<Flag> outcome = store.inTransaction(repositories -> {
            Optional<Flag> found = repositories.flags().find(command.key());
            if (found.isEmpty()) {
                return Outcome.notFound("flag '" + command.key() + "'");
            }
            Flag current = found.get();
            if (current.version() != command.expectedVersion()) {
                return new Outcome.VersionConflict<>("flag '" + command.key() + "'", current.version());
            }
            Optional<String> archived = current.refusalToChange();
            if (archived.isPresent()) {
                return new Outcome.Refused<>(archived.get());
            }
            if (command.kind() != null && command.kind() != current.kind()) {
                return new Outcome.Refused<>("a flag's kind cannot change; create a new flag instead");
            }
            Flag updated = new Flag(
                    current.key(),
                    or(command.name(), current.name()),
                    command.description() == null ? current.description() : command.description(),
                    or(command.tags(), current.tags()),
                    current.kind(),
                    or(command.variants(), current.variants()),
                    or(command.salt(), current.salt()),
                    or(command.bucketBy(), current.bucketBy()),
                    current.version() + 1,
                    current.createdAt(),
                    now);
            for (Environment environment : repositories.environments().list()) {
                Optional<FlagConfig> saved = repositories
                        .flags()
                        .findConfig(current.key(), environment.key())
                        .map(EnvironmentConfig::config);
                FlagConfig before = saved.orElse(FlagConfig.initialFor(current));
                FlagConfig after = saved.orElse(FlagConfig.initialFor(updated));
                boolean servesAlike = before.equals(after) && before.servesAlike(current, updated);
                if (environment.isProtected()
                        && !servesAlike
                        && AccessPolicy.decide(command.principal().role(), Action.CHANGE_CONFIG, true)
                                instanceof AccessPolicy.Decision.Denied denied) {
                    return new Outcome.Forbidden<>("this change to the flag's variants, salt or bucket_by alters what "
                            + environment.key() + " serves; " + denied.reason());
                }
                try {
                    after.checkVariantsExistIn(updated);
                } catch (InvalidInputException e) {
                    return new Outcome.Refused<>(
                            "the " + environment.key() + " config still serves a variant this change removes: "
                                    + e.violations().getFirst().message());
                }
            }
            if (!repositories.flags().update(updated)) {
                return new Outcome.VersionConflict<>("flag '" + command.key() + "'", current.version());
            }
            repositories
                    .audit()
                    .record(new AuditEntry(
                            command.principal().actor(),
                            "flag.updated",
                            Entity.flag(current.key()),
                            current,
                            updated,
                            now));
            return Outcome.done(updated);
        });
        cache.invalidateAll();
        return outcome;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
