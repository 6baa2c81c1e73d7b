package dev.bunting.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens each connection with the login current at that moment. The pool opens connections long after it starts, and
 * credentials held in a secrets store rotate, so reading them once would fail every connection after a rotation; and
 * when the database refuses a login, it is read again at once rather than when a cache of it expires. Public for what
 * migrates the schema, which needs the same connections as the store.
 */
public class SignInPerConnection extends PGSimpleDataSource {

    /** invalid_password, and invalid_authorization_specification (no such role, or pg_hba refuses it). */
    private static final Set<String> LOGIN_REFUSED = Set.of("28P01", "28000");

    private final transient DatabaseLogins logins;

    /**
     * Bunting's statements take milliseconds; one waiting this long for an answer is talking to a database that went
     * away mid-query (a partition, a failover), and without a timeout it would wait for as long as TCP keeps trying.
     * A URL that sets socketTimeout itself keeps its own.
     */
    static final int SOCKET_TIMEOUT_SECONDS = 10;

    public SignInPerConnection(String jdbcUrl, DatabaseLogins logins) {
        setUrl(jdbcUrl);
        if (getSocketTimeout() == 0) {
            setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
        }
        this.logins = logins;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseLogin login = read(false, null);
        try {
            return open(login);
        } catch (SQLException e) {
            if (!LOGIN_REFUSED.contains(e.getSQLState())) {
                throw e;
            }
            DatabaseLogin renewed = read(true, login);
            if (renewed.equals(login)) {
                throw e;
            }
            return open(renewed);
        }
    }

    Connection open(DatabaseLogin login) throws SQLException {
        return getConnection(login.user(), login.password());
    }

    /** A login that cannot be read fails the connection as the database being out of reach would: the pool retries. */
    private DatabaseLogin read(boolean afterRefusal, DatabaseLogin refused) throws SQLException {
        try {
            return afterRefusal ? logins.renewed(refused) : logins.current();
        } catch (RuntimeException e) {
            throw new SQLException("cannot read the database login: " + e.getMessage(), "08001", e);
        }
    }
}
