package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.StoreUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostgresStoreFailureIT {

    @Test
    void a_store_whose_database_went_away_is_unreachable_and_fails_with_the_ports_exception() {
        DatabaseUrl database = TestDatabase.migratedDatabase();
        try (PostgresStore store = PostgresStore.connect(database, 2, Duration.ofMillis(500))) {
            assertThat(store.isReachable()).isTrue();

            TestDatabase.drop(database);

            assertThat(store.isReachable()).isFalse();
            assertThatThrownBy(() -> store.inTransaction(r -> r.flags().find(new FlagKey("checkout"))))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining("org.jdbi");
        }
    }

    @Test
    void connecting_to_a_server_that_is_not_there_fails_with_the_ports_exception() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseUrl nowhere = DatabaseUrl.parse("postgres://bunting:secret@127.0.0.1:" + closedPort + "/bunting");

        assertThatThrownBy(() -> PostgresStore.connect(nowhere, 1, Duration.ofMillis(500)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining("secret");
    }

    /** A statement the database refuses (a NUL in text) must not carry its bound parameters into a log. */
    @Test
    void a_refused_statement_fails_without_its_bound_parameters_anywhere_in_the_chain() {
        String hash = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$bm90LWEtcmVhbC1oYXNo\u0000LWJ1dC1zZWNyZXQ";
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        User user = new User(
                new UserId("u-nul"), new Email("someone@example.com"), new PasswordHash(hash), Role.VIEWER, now, now);
        try (PostgresStore store = TestDatabase.freshStore()) {
            Throwable failure =
                    catchThrowable(() -> store.inTransaction(r -> r.users().insert(user)));

            assertThat(failure).isInstanceOf(StoreUnavailableException.class);
            StringWriter logged = new StringWriter();
            failure.printStackTrace(new PrintWriter(logged));
            assertThat(logged.toString())
                    .contains("SQLSTATE")
                    .doesNotContain("c2VjcmV0LXNhbHQ")
                    .doesNotContain("someone@example.com")
                    .doesNotContain("u-nul");
        }
    }

    @Test
    void a_closed_store_fails_with_the_ports_exception() {
        PostgresStore store = TestDatabase.freshStore();
        store.close();

        assertThat(store.isReachable()).isFalse();
        assertThatThrownBy(() -> store.inTransaction(r -> r.environments().list()))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
