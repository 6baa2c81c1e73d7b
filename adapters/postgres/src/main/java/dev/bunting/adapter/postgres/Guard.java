package dev.bunting.adapter.postgres;

import dev.bunting.domain.port.StoreUnavailableException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs database calls so that driver and pool failures reach callers as the port's exception, never as Jdbi's, and
 * without the bound parameters that Jdbi's messages quote ({@link DriverFailure}).
 */
final class Guard {

    private Guard() {}

    static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreUnavailableException("PostgreSQL failed to " + what, DriverFailure.of(e));
        }
    }
}
