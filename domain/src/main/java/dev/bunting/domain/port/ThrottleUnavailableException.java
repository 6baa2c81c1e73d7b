package dev.bunting.domain.port;

/**
 * The sign-in throttle could not reach where it keeps its counts; driver exceptions are wrapped in this so they never
 * cross a port.
 */
public final class ThrottleUnavailableException extends RuntimeException {
    public ThrottleUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
