package dev.bunting.domain.port;

/**
 * The audit trail read back, for people reviewing what changed. Implementations throw
 * {@link StoreUnavailableException} for infrastructure failures.
 *
 * <p>It is a component of {@link Store.Repositories} beside {@link AuditSink}, not a query method on the sink: the use
 * cases that change things are handed only the means to append, so nothing that writes can read the trail back or
 * shape what it writes by it, and the sink stays a one-method port that any store can implement. Reading inside the
 * store's unit of work, like every other read, shows exactly the entries committed before it, each with the change it
 * describes.
 */
public interface AuditTrail {

    /**
     * The entries matching {@code query}, newest first: in the reverse of the order the store recorded them, which
     * follows the order of commits for any one resource even where the clocks of two writers disagree.
     */
    AuditPage list(AuditQuery query);
}
