package dev.bunting.adapter.postgres;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * A driver failure as it may be logged: Jdbi's messages quote the statement with its bound parameters (password
 * hashes, key digests, whatever a caller sent), and PostgreSQL's quote row values ("Key (email)=(...) already
 * exists"). Each exception of the chain keeps its class, its SQLSTATE and its stack; Jdbi's and the driver's messages
 * are dropped, while the messages of what lies beneath them (a refused connection, a timeout) stay.
 */
final class DriverFailure extends RuntimeException {

    private static final int MAX_DEPTH = 16;

    private DriverFailure(String message, Throwable cause, StackTraceElement[] stack) {
        super(message, cause, false, true);
        setStackTrace(stack);
    }

    static DriverFailure of(Throwable failure) {
        return of(failure, 0);
    }

    private static DriverFailure of(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        DriverFailure redactedCause =
                cause == null || cause == failure || depth >= MAX_DEPTH ? null : of(cause, depth + 1);
        return new DriverFailure(describe(failure), redactedCause, failure.getStackTrace());
    }

    private static String describe(Throwable failure) {
        String name = failure.getClass().getName();
        if (failure instanceof SQLException sql) {
            return name + (sql.getSQLState() == null ? "" : " (SQLSTATE " + sql.getSQLState() + ")");
        }
        if (failure instanceof JdbiException || name.startsWith("org.postgresql.") || name.startsWith("org.jdbi.")) {
            return name;
        }
        return failure.getMessage() == null ? name : name + ": " + failure.getMessage();
    }
}
