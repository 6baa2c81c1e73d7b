package dev.bunting.local;

import dev.bunting.adapter.embedded.EmbeddedPostgresServer;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import io.helidon.webserver.WebServer;

import java.time.Duration;
import java.util.Optional;

/** The running service: database, store, object graph and web server, stopped in reverse order. */
final class LocalServer implements AutoCloseable {

    private final Optional<EmbeddedPostgresServer> embedded;
    private final PostgresStore store;
    private final StdoutRequestLog requestLog;
    private final WebServer webServer;

    private LocalServer(Optional<EmbeddedPostgresServer> embedded, PostgresStore store, StdoutRequestLog requestLog, WebServer webServer) {
        this.embedded = embedded;
        this.store = store;
        this.requestLog = requestLog;
        this.webServer = webServer;
    }

    static LocalServer start(RunnerSettings settings) {
        Optional<EmbeddedPostgresServer> embedded = settings.databaseUrl().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedPostgresServer.start(settings.dataDirectory(), settings.embeddedPort()));
        embedded.ifPresent(db -> System.out.println("Embedded PostgreSQL data lives in " + db.dataDirectory()));
        DatabaseUrl url = settings.databaseUrl().orElseGet(() -> DatabaseUrl.parse(embedded.orElseThrow().jdbcUrl()));
        PostgresStore store = PostgresStore.connect(url, settings.databasePoolSize());
        StdoutRequestLog requestLog = new StdoutRequestLog();
        HttpApi api = DaggerLocalComponent.factory()
                .create(settings, store, settings.requestLog() ? requestLog : entry -> { })
                .api();
        WebServer webServer = WebServer.builder()
                .port(settings.port())
                .maxPayloadSize(2L * settings.maxBodyBytes() + 1)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .routing(routing -> routing.any(new HelidonTransport(api, settings.maxBodyBytes())))
                .build()
                .start();
        return new LocalServer(embedded, store, requestLog, webServer);
    }

    int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
        requestLog.close();
        store.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
