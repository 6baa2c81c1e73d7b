package dev.bunting.sdk;

/** Where a client stands with its flag data; OpenFeature's provider states map one to one. */
public enum ClientStatus {
    /** No flag set yet: evaluations give the caller's default. */
    NOT_READY,
    /** Serving a flag set the server confirmed at the last contact. */
    READY,
    /** The server cannot be reached: serving the last flag set it sent (or a bootstrap or last-known-good file). */
    STALE,
    /** Unreachable for longer than the grace period, or nothing to serve: still serving what it has, if anything. */
    ERROR,
    /** The server refused the key: the client stops contacting it and serves what it has, if anything. */
    FATAL
}
