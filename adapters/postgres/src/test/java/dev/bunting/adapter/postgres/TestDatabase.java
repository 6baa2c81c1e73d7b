package dev.bunting.adapter.postgres;

import dev.bunting.adapter.postgres.migrations.PostgresSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL server for tests, found once per JVM: the server named by {@value #URL_VARIABLE} if set, else a
 * Testcontainers container if Docker answers, else an embedded server from zonky binaries. Each caller gets its own
 * database on it, so test classes never see each other's rows.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "BUNTING_TEST_DATABASE_URL";

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String SEED_MIGRATION = "db/migration/V2__default_environments.sql";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static Server server;

    private TestDatabase() {}

    /** A new, empty database (no schema yet) on the test server. */
    public static DatabaseUrl freshDatabase() {
        Server current = server();
        while (true) {
            String name = "bunting_test_" + COUNTER.incrementAndGet() + "_"
                    + ProcessHandle.current().pid();
            try {
                execute(current.admin(), "CREATE DATABASE " + name);
                current.created().add(name);
                return new DatabaseUrl(
                        withDatabase(current.admin().jdbcUrl(), name),
                        current.admin().user(),
                        current.admin().password());
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw new IllegalStateException("cannot create a test database " + name, e);
                }
            }
        }
    }

    /** A new database with the schema up to date, holding only the default environments. */
    public static DatabaseUrl migratedDatabase() {
        DatabaseUrl database = freshDatabase();
        migrate(database);
        return database;
    }

    /** Brings a database's schema up to date, as a deployment's migration step does. */
    public static void migrate(DatabaseUrl database) {
        PostgresSchema.migrate(new SignInPerConnection(database.jdbcUrl(), DatabaseLogins.fixed(database.login())));
    }

    /** A store on a new database, migrated and holding only the default environments. */
    public static PostgresStore freshStore() {
        return PostgresStore.connect(migratedDatabase(), 4);
    }

    /** Empties every table of a migrated database and seeds it again, as a new store would find it. */
    public static void restoreInitialState(DatabaseUrl database) {
        try (Connection connection = open(database);
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT quote_ident(tablename) FROM pg_tables "
                    + "WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            statement.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            statement.execute(resource(SEED_MIGRATION));
            // V6 opened evaluation in the seeded environments that are not protected
            statement.execute("UPDATE environments SET public_evaluation = NOT protected");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset " + database, e);
        }
    }

    /** Drops a database, cutting off whoever is still connected to it. */
    public static void drop(DatabaseUrl database) {
        Matcher matcher = DATABASE_IN_URL.matcher(database.jdbcUrl());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("no database name in " + database);
        }
        try {
            execute(server().admin(), "DROP DATABASE IF EXISTS " + matcher.group(2) + " WITH (FORCE)");
            server().created().remove(matcher.group(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + database, e);
        }
    }

    public static Connection open(DatabaseUrl database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** A connection to the server's own database as its administrator, for what spans databases, such as roles. */
    public static Connection openServer() throws SQLException {
        return open(server().admin());
    }

    private static synchronized Server server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    private static Server startServer() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            DatabaseUrl admin = DatabaseUrl.parse(configured);
            System.out.println("TestDatabase: using the server in " + URL_VARIABLE + ": " + admin.jdbcUrl());
            Server external = new Server(admin, new ArrayList<>());
            // someone else's server: leave it as it was found
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(external)));
            return external;
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            System.out.println("TestDatabase: using a Testcontainers postgres:17-alpine at " + container.getJdbcUrl());
            return new Server(
                    new DatabaseUrl(container.getJdbcUrl(), container.getUsername(), container.getPassword()),
                    new ArrayList<>());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            DatabaseUrl admin = DatabaseUrl.parse(embedded.getJdbcUrl("postgres", "postgres"));
            System.out.println("TestDatabase: using an embedded PostgreSQL (zonky) at " + admin.jdbcUrl());
            return new Server(admin, new ArrayList<>());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void dropAll(Server external) {
        for (String name : List.copyOf(external.created())) {
            try {
                execute(external.admin(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("TestDatabase: could not drop " + name + ": " + e.getMessage());
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            System.err.println("TestDatabase: could not stop the embedded PostgreSQL: " + e.getMessage());
        }
    }

    private static void execute(DatabaseUrl database, String sql) throws SQLException {
        try (Connection connection = open(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String withDatabase(String jdbcUrl, String name) {
        Matcher matcher = DATABASE_IN_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("no database name in " + jdbcUrl);
        }
        return matcher.group(1) + name + matcher.group(3);
    }

    private static String resource(String path) {
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Server(DatabaseUrl admin, List<String> created) {
        private Server {
            created = Collections.synchronizedList(created);
        }
    }
}
