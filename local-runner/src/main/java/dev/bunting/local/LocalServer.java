package dev.bunting.local;

import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.http.RequestLog;
import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.RedisConnection;
import dev.bunting.application.evaluation.EnvironmentWatches;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The running service: database, store, Redis connection, object graph and web server, stopped in reverse order. */
final class LocalServer implements AutoCloseable {

    private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

    private final LocalDatabase database;
    private final Optional<RedisConnection> redis;
    private final StdoutRequestLog requestLog;
    private final ExecutorService blockingWork;
    private final EnvironmentWatches streams;
    private final GracefulShutdownHandler inFlight;
    private final Undertow webServer;

    private LocalServer(LocalDatabase database, Optional<RedisConnection> redis, StdoutRequestLog requestLog, ExecutorService blockingWork,
                        EnvironmentWatches streams, GracefulShutdownHandler inFlight, Undertow webServer) {
        this.database = database;
        this.redis = redis;
        this.requestLog = requestLog;
        this.blockingWork = blockingWork;
        this.streams = streams;
        this.inFlight = inFlight;
        this.webServer = webServer;
    }

    static LocalServer start(RunnerSettings settings) {
        LocalDatabase database = LocalDatabase.open(settings);
        Optional<RedisConnection> redis = settings.redis().map(RedisConnection::new);
        StdoutRequestLog requestLog = new StdoutRequestLog();
        LocalComponent component = component(settings, database, redis, settings.requestLog() ? requestLog : entry -> { });
        settings.admin().ifPresent(admin -> component.bootstrapAdmin().createIfNoUsers(admin.email(), admin.password())
                .ifPresent(created -> java.util.logging.Logger.getLogger(LocalServer.class.getName()).info("Created the first admin, " + created.email())));
        HttpApi api = component.api();
        ExecutorService blockingWork = Executors.newVirtualThreadPerTaskExecutor();
        GracefulShutdownHandler inFlight = Handlers.gracefulShutdown(new UndertowTransport(api, blockingWork, settings.streamHeartbeat()));
        Undertow webServer = Undertow.builder()
                .addHttpListener(settings.port(), "0.0.0.0")
                // bodies up to twice the API's limit reach it and get its problem+json 413; beyond that Undertow refuses them
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 2L * settings.maxBodyBytes() + 1)
                .setHandler(inFlight)
                .build();
        webServer.start();
        return new LocalServer(database, redis, requestLog, blockingWork, component.watches(), inFlight, webServer);
    }

    static LocalComponent component(RunnerSettings settings, LocalDatabase database, Optional<? extends RedisCalls> redis, RequestLog requestLog) {
        byte[] secret = settings.jwtSecret().orElseGet(() -> DevelopmentSecret.loadOrCreate(settings.developmentSecretFile()));
        return DaggerLocalComponent.factory().create(settings, database.store(), redis.map(RedisCalls.class::cast), requestLog, () -> secret);
    }

    int port() {
        return ((InetSocketAddress) webServer.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /** How many event streams to SDKs are open. */
    int openStreams() {
        return streams.open();
    }

    /**
     * Stops taking requests, ends the event streams (their clients reconnect, to another instance if there is one),
     * lets the requests in flight finish (up to 5 s), then closes Redis, the store and the database.
     */
    @Override
    public void close() {
        inFlight.shutdown();
        streams.endAll();
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
        redis.ifPresent(RedisConnection::close);
        database.close();
    }
}
