package dev.bunting.local;

import dev.bunting.adapter.embedded.EmbeddedPostgresServer;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The running service: database, store, object graph and web server, stopped in reverse order. */
final class LocalServer implements AutoCloseable {

    private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

    private final Optional<EmbeddedPostgresServer> embedded;
    private final PostgresStore store;
    private final StdoutRequestLog requestLog;
    private final ExecutorService blockingWork;
    private final GracefulShutdownHandler inFlight;
    private final Undertow webServer;

    private LocalServer(Optional<EmbeddedPostgresServer> embedded, PostgresStore store, StdoutRequestLog requestLog,
                        ExecutorService blockingWork, GracefulShutdownHandler inFlight, Undertow webServer) {
        this.embedded = embedded;
        this.store = store;
        this.requestLog = requestLog;
        this.blockingWork = blockingWork;
        this.inFlight = inFlight;
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
                .create(settings, store, settings.requestLog() ? requestLog : entry -> { },
                        settings.jwtSecret().orElseGet(() -> DevelopmentSecret.loadOrCreate(settings.developmentSecretFile())))
                .api();
        ExecutorService blockingWork = Executors.newVirtualThreadPerTaskExecutor();
        GracefulShutdownHandler inFlight = Handlers.gracefulShutdown(new UndertowTransport(api, blockingWork));
        Undertow webServer = Undertow.builder()
                .addHttpListener(settings.port(), "0.0.0.0")
                // bodies up to twice the API's limit reach it and get its problem+json 413; beyond that Undertow refuses them
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 2L * settings.maxBodyBytes() + 1)
                .setHandler(inFlight)
                .build();
        webServer.start();
        return new LocalServer(embedded, store, requestLog, blockingWork, inFlight, webServer);
    }

    int port() {
        return ((InetSocketAddress) webServer.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /** Stops taking requests, lets those in flight finish (up to 5 s), then closes the store and the database. */
    @Override
    public void close() {
        inFlight.shutdown();
        try {
            inFlight.awaitShutdown(SHUTDOWN_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        webServer.stop();
        blockingWork.shutdown();
        try {
            blockingWork.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requestLog.close();
        store.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
