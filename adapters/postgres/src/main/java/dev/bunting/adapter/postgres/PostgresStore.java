package dev.bunting.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The store on PostgreSQL. Each {@link Work} runs on one pooled connection in one transaction; its repositories and
 * audit sink share that connection, so the audit trail commits or rolls back with the changes.
 */
public final class PostgresStore implements Store, AutoCloseable {

    private static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final int REACHABLE_QUERY_TIMEOUT_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private final PostgresMeasurements measurements;
    private final PostgresMeasurementHistory history;

    private PostgresStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        this.measurements = new PostgresMeasurements(jdbi);
        this.history = new PostgresMeasurementHistory(jdbi);
    }

    /**
     * Opens a pool of at most {@code poolSize} connections on a schema that is up to date: {@code PostgresSchema}, in
     * bunting-adapter-postgres-migrations, brings it there first.
     */
    public static PostgresStore connect(DatabaseUrl url, int poolSize) {
        return connect(url, poolSize, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** @param connectionTimeout how long a transaction waits for a connection before the store counts as unavailable */
    public static PostgresStore connect(DatabaseUrl url, int poolSize, Duration connectionTimeout) {
        return new PostgresStore(pool(url.jdbcUrl(), DatabaseLogins.fixed(url.login()), poolSize, connectionTimeout));
    }

    /**
     * Opens a pool on a schema that something else keeps up to date (a deployment's migration step). Each new
     * connection signs in with the login {@code logins} gives then, so rotated credentials take effect without a
     * restart.
     */
    public static PostgresStore open(String jdbcUrl, DatabaseLogins logins, int poolSize) {
        return new PostgresStore(pool(jdbcUrl, logins, poolSize, DEFAULT_CONNECTION_TIMEOUT));
    }

    private static HikariDataSource pool(
            String jdbcUrl, DatabaseLogins logins, int poolSize, Duration connectionTimeout) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection, not " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("bunting-postgres");
        config.setDataSource(new SignInPerConnection(jdbcUrl, logins));
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Hikari fails fast with its own runtime exception when the first connection cannot be made
            throw new StoreUnavailableException("cannot connect to PostgreSQL at " + jdbcUrl, DriverFailure.of(e));
        }
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        try {
            return jdbi.inTransaction(handle -> work.run(repositoriesOn(handle)));
        } catch (JdbiException e) {
            throw new StoreUnavailableException("a PostgreSQL transaction failed", DriverFailure.of(e));
        }
    }

    private static Repositories repositoriesOn(Handle handle) {
        return new Repositories(
                new PostgresFlagRepository(handle),
                new PostgresEnvironmentRepository(handle),
                new PostgresUserRepository(handle),
                new PostgresKeyRepository(handle),
                new PostgresAuditSink(handle),
                new PostgresAuditTrail(handle),
                new PostgresExperimentRepository(handle));
    }

    /** Measurement on the same pool: exposures, events and evaluation counts, and what results read of them. */
    public PostgresMeasurements measurements() {
        return measurements;
    }

    /** Measurement over time on the same pool, for charts. */
    public PostgresMeasurementHistory history() {
        return history;
    }

    @Override
    public boolean isReachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1")
                            .setQueryTimeout(REACHABLE_QUERY_TIMEOUT_SECONDS)
                            .mapTo(Integer.class)
                            .one())
                    == 1;
        } catch (JdbiException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
