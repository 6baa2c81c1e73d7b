package dev.bunting.sdk;

/** A client could not start as configured: its key was refused, or, failing fast, it had no flag set to serve. */
public final class BuntingException extends RuntimeException {

    private final boolean fatal;

    BuntingException(String message, boolean fatal) {
        super(message);
        this.fatal = fatal;
    }

    /** Whether retrying cannot help: the server refused the key. */
    public boolean isFatal() {
        return fatal;
    }
}
