package dev.bunting.domain.port;

import org.jspecify.annotations.Nullable;

/** The store could not be reached or failed; driver exceptions are wrapped in this so they never cross a port. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
