package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagState;
import java.util.List;
import java.util.Optional;

/**
 * Flags and their per-environment configs. Writes are conditional on the version the caller read, so two concurrent
 * writers can never both win. Implementations throw {@link StoreUnavailableException} for infrastructure failures.
 */
public interface FlagRepository {

    Optional<Flag> find(FlagKey key);

    FlagPage list(FlagQuery query);

    /** @return false when a flag with this key exists already */
    boolean insert(Flag flag);

    /**
     * Replaces the flag, its archived state included, if its stored version is {@code flag.version() - 1}.
     *
     * @return false otherwise
     */
    boolean update(Flag flag);

    /** Deletes the flag and all its configs if its stored version is {@code expectedVersion}. @return false otherwise */
    boolean delete(FlagKey key, long expectedVersion);

    Optional<EnvironmentConfig> findConfig(FlagKey flag, EnvironmentKey environment);

    /**
     * Stores the config if the stored one has version {@code config.version() - 1}; version 1 inserts the first one.
     *
     * @return false when the stored version differs
     */
    boolean saveConfig(EnvironmentConfig config);

    /**
     * Every active flag with its config in {@code environment} (the initial config where none was saved), by key: an
     * archived flag is evaluated nowhere.
     */
    List<FlagState> statesIn(EnvironmentKey environment);
}
