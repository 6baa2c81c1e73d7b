package dev.bunting.domain.port;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import java.util.List;
import java.util.Optional;

/** Environments. The defaults (development, staging, production) exist from the start. */
public interface EnvironmentRepository {

    List<Environment> list();

    Optional<Environment> find(EnvironmentKey key);

    /** @return false when an environment with this key exists already */
    boolean insert(Environment environment);

    /** Replaces the stored environment with this key (name, protection, public evaluation). @return false when there is none */
    boolean update(Environment environment);

    /** Deletes the environment and every flag config in it; its keys stay. @return false when it did not exist */
    boolean delete(EnvironmentKey key);
}
