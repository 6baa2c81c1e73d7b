package dev.bunting.adapter.postgres;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Opens each connection with the login current at that moment. The pool opens connections long after it starts, and
 * credentials held in a secrets store rotate, so reading them once would fail every connection after a rotation.
 */
final class SignInPerConnection extends PGSimpleDataSource {

    private final transient Supplier<DatabaseLogin> login;

    SignInPerConnection(String jdbcUrl, Supplier<DatabaseLogin> login) {
        setUrl(jdbcUrl);
        this.login = login;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseLogin current = login.get();
        return getConnection(current.user(), current.password());
    }
}
