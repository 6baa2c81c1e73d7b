package dev.bunting.local;

import dev.bunting.adapter.embedded.EmbeddedPostgresServer;
import dev.bunting.adapter.postgres.DatabaseLogins;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.postgres.SignInPerConnection;
import dev.bunting.adapter.postgres.migrations.PostgresSchema;
import java.util.Optional;

/** The store of a local installation: the configured PostgreSQL, or an embedded one on the data directory. */
final class LocalDatabase implements AutoCloseable {

    private final Optional<EmbeddedPostgresServer> embedded;
    private final PostgresStore store;

    private LocalDatabase(Optional<EmbeddedPostgresServer> embedded, PostgresStore store) {
        this.embedded = embedded;
        this.store = store;
    }

    static LocalDatabase open(RunnerSettings settings) {
        Optional<EmbeddedPostgresServer> embedded = settings.databaseUrl().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedPostgresServer.start(settings.dataDirectory(), settings.embeddedPort()));
        embedded.ifPresent(db -> java.util.logging.Logger.getLogger(LocalDatabase.class.getName())
                .info("Embedded PostgreSQL data lives in " + db.dataDirectory()));
        DatabaseUrl url = settings.databaseUrl()
                .orElseGet(() -> DatabaseUrl.parse(embedded.orElseThrow().jdbcUrl()));
        // a local installation has no deployment step to migrate it: it brings its own schema up to date as it starts
        PostgresSchema.migrate(new SignInPerConnection(url.jdbcUrl(), DatabaseLogins.fixed(url.login())));
        return new LocalDatabase(embedded, PostgresStore.connect(url, settings.databasePoolSize()));
    }

    PostgresStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
