package dev.bunting.application;

/**
 * What a use case's command came to. Expected business outcomes are values; only invalid input (rejected by value
 * objects) and infrastructure failures are exceptions.
 */
public sealed interface Outcome<T> {

    record Done<T>(T value) implements Outcome<T> {}

    /** @param resource what was missing, such as {@code flag 'new-checkout'} */
    record NotFound<T>(String resource) implements Outcome<T> {}

    record AlreadyExists<T>(String resource) implements Outcome<T> {}

    /** The caller's version is not the stored one; nothing changed. */
    record VersionConflict<T>(String resource, long currentVersion) implements Outcome<T> {}

    /** The request needs credentials that it did not present; nothing changed. */
    record Unauthenticated<T>(String reason) implements Outcome<T> {}

    /** The actor's role does not allow this; nothing changed. */
    record Forbidden<T>(String reason) implements Outcome<T> {}

    /** The change is well-formed but not allowed in the current state. */
    record Refused<T>(String reason) implements Outcome<T> {}

    /** Too many recent attempts from this caller or on this account; nothing was checked or changed. */
    record Throttled<T>(java.time.Duration retryAfter) implements Outcome<T> {}

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> notFound(String resource) {
        return new NotFound<>(resource);
    }
}
