package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/** Restores an archived flag: it is evaluated again, in every environment, with the configs it had when archived. */
public final class RestoreFlag {

    private final ArchivedState archivedState;

    @Inject
    public RestoreFlag(Store store, ConfigCache cache, Clock clock) {
        this.archivedState = new ArchivedState(store, cache, clock);
    }

    /** @param expectedVersion when given, the flag is restored only if it is still at this version */
    public record Command(Principal principal, FlagKey key, OptionalLong expectedVersion) {}

    public Outcome<Flag> restore(Command command) {
        return archivedState.change(
                command.principal(),
                command.key(),
                command.expectedVersion(),
                "flag.restored",
                (current, r) -> current.isArchived()
                        ? Optional.empty()
                        : Optional.of("flag '" + current.key() + "' is not archived"),
                Flag::restore);
    }
}
