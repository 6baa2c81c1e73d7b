package dev.bunting.adapter.postgres.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.port.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresSchemaIT {

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void an_empty_database_gets_every_migration_in_order_and_a_current_one_gets_none() throws SQLException {
        DataSource database = newDatabase("migrated");

        assertThat(PostgresSchema.migrate(database)).startsWith("1", "2", "3").contains("11");
        assertThat(PostgresSchema.migrate(database)).isEmpty();
    }

    @Test
    void a_schema_flyway_cannot_account_for_fails_with_the_stores_exception() throws SQLException {
        DataSource database = newDatabase("unaccounted");
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE flags (key text)");
        }

        assertThatThrownBy(() -> PostgresSchema.migrate(database))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("cannot migrate the PostgreSQL schema");
    }

    private static DataSource newDatabase(String name) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return server.getDatabase("postgres", name);
    }
}
