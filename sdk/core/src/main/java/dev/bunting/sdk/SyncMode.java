package dev.bunting.sdk;

/** How a client keeps its flag set current. */
public enum SyncMode {
    /**
     * Follows {@code GET /sdk/stream} and refetches on each new version; polls while the stream keeps failing, and
     * for good when the server answers 501 (AWS Lambda serves no streams).
     */
    STREAMING,
    /** Fetches {@code GET /sdk/flags} with {@code If-None-Match} every poll interval, backing off on failure. */
    POLLING,
    /**
     * Starts no thread: an evaluation that finds the flag set older than the maximum age refreshes it inline, at most
     * once per that age, and events are sent only by {@link BuntingClient#flush()}. For AWS Lambda and other runtimes
     * that freeze between requests; nothing is opened while the client is built, so SnapStart can snapshot it.
     */
    NO_THREADS
}
