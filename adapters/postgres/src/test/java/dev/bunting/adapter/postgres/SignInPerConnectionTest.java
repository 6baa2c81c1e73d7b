package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a connection signs in: with the login current then, and once more with a renewed one when the database refuses it. */
class SignInPerConnectionTest {

    private static final DatabaseLogin STALE = new DatabaseLogin("bunting", "before-rotation");
    private static final DatabaseLogin ROTATED = new DatabaseLogin("bunting", "after-rotation");
    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> null);

    private final List<String> renewals = new ArrayList<>();

    /** A database that accepts only {@link #ROTATED}, answering anything else as PostgreSQL does a wrong password. */
    private SignInPerConnection dataSource(DatabaseLogin current, DatabaseLogin afterRefusal) {
        DatabaseLogins logins = new DatabaseLogins() {
            @Override
            public DatabaseLogin current() {
                return current;
            }

            @Override
            public DatabaseLogin renewed(DatabaseLogin refused) {
                renewals.add(refused.password());
                return afterRefusal;
            }
        };
        return new SignInPerConnection("jdbc:postgresql://db.internal/bunting", logins) {
            @Override
            Connection open(DatabaseLogin login) throws SQLException {
                if (!login.equals(ROTATED)) {
                    throw new SQLException("password authentication failed for user bunting", "28P01");
                }
                return CONNECTION;
            }
        };
    }

    @Test
    void a_login_that_works_is_used_without_reading_it_again() throws SQLException {
        assertThat(dataSource(ROTATED, ROTATED).getConnection()).isSameAs(CONNECTION);
        assertThat(renewals).isEmpty();
    }

    @Test
    void a_refused_login_is_renewed_once_and_the_connection_opened_with_the_new_one() throws SQLException {
        assertThat(dataSource(STALE, ROTATED).getConnection()).isSameAs(CONNECTION);
        assertThat(renewals).containsExactly("before-rotation");
    }

    @Test
    void when_nothing_newer_comes_the_refusal_stands() {
        assertThatThrownBy(() -> dataSource(STALE, STALE).getConnection())
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("28P01");
        assertThat(renewals).hasSize(1);
    }

    @Test
    void a_login_that_cannot_be_read_fails_the_connection_as_unreachable_without_its_text() {
        DatabaseLogins unreadable = new DatabaseLogins() {
            @Override
            public DatabaseLogin current() {
                throw new IllegalStateException(
                        "secret 'bunting/db' is unavailable: Secrets Manager could not be asked");
            }

            @Override
            public DatabaseLogin renewed(DatabaseLogin refused) {
                return refused;
            }
        };

        assertThatThrownBy(() ->
                        new SignInPerConnection("jdbc:postgresql://db.internal/bunting", unreadable).getConnection())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cannot read the database login")
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("08001");
    }

    @Test
    void a_read_waits_ten_seconds_at_most_for_the_database_unless_the_url_says_otherwise() {
        DatabaseLogins logins = DatabaseLogins.fixed(ROTATED);

        assertThat(new SignInPerConnection("jdbc:postgresql://db.internal/bunting", logins).getSocketTimeout())
                .isEqualTo(10);
        assertThat(new SignInPerConnection("jdbc:postgresql://db.internal/bunting?socketTimeout=3", logins)
                        .getSocketTimeout())
                .isEqualTo(3);
    }
}
