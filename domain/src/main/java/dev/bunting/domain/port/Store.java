package dev.bunting.domain.port;

import java.util.function.Consumer;

/**
 * The persistent store: the transaction boundary for use cases. Everything done through one {@link Work}'s
 * repositories commits together or not at all, audit entries included.
 */
public interface Store {

    /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
    <T> T inTransaction(Work<T> work);

    /** Runs {@code work}, which has nothing to answer, in one transaction, as {@link #inTransaction} does. */
    default void runInTransaction(Consumer<Repositories> work) {
        inTransaction(repositories -> {
            work.accept(repositories);
            return repositories;
        });
    }

    /** @return true when the store answers */
    boolean isReachable();

    @FunctionalInterface
    interface Work<T> {
        T run(Repositories repositories);
    }

    /** @param trail the audit entries committed so far, and those this unit of work recorded itself */
    record Repositories(
            FlagRepository flags,
            EnvironmentRepository environments,
            UserRepository users,
            KeyRepository keys,
            AuditSink audit,
            AuditTrail trail,
            ExperimentRepository experiments) {}
}
