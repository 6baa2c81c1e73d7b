package dev.bunting.local;

import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.http.RequestLog;
import dev.bunting.adapter.redis.lettuce.LettuceConnection;
import dev.bunting.application.evaluation.EnvironmentWatches;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.SharedState;
import io.undertow.Handlers;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** The running service: database, store, Redis connection, object graph and web server, stopped in reverse order. */
final class LocalServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalServer.class.getName());
    private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

    private final LocalDatabase database;
    private final Optional<LettuceConnection> redis;
    private final StdoutRequestLog requestLog;
    private final ExecutorService blockingWork;
    private final ExecutorService longWork;
    private final EnvironmentWatches streams;
    private final GracefulShutdownHandler inFlight;
    private final WebServer webServer;
    private final MeasurementFlushing measurement;

    private LocalServer(
            LocalDatabase database,
            Optional<LettuceConnection> redis,
            StdoutRequestLog requestLog,
            ExecutorService blockingWork,
            ExecutorService longWork,
            EnvironmentWatches streams,
            GracefulShutdownHandler inFlight,
            WebServer webServer,
            MeasurementFlushing measurement) {
        this.database = database;
        this.redis = redis;
        this.requestLog = requestLog;
        this.blockingWork = blockingWork;
        this.longWork = longWork;
        this.streams = streams;
        this.inFlight = inFlight;
        this.webServer = webServer;
        this.measurement = measurement;
    }

    static LocalServer start(RunnerSettings settings) {
        LocalDatabase database = LocalDatabase.open(settings);
        Optional<LettuceConnection> redis = settings.redis().map(LettuceConnection::new);
        StdoutRequestLog requestLog = new StdoutRequestLog();
        LocalComponent component =
                component(settings, database, redis, settings.requestLog() ? requestLog : entry -> {});
        settings.admin()
                .ifPresent(
                        admin -> component
                                .bootstrapAdmin()
                                .createIfNoUsers(admin.email(), admin.password())
                                .ifPresentOrElse(
                                        created -> LOG.info("Created the first admin, " + created.email()),
                                        () -> LOG.warning(
                                                "BUNTING_ADMIN_EMAIL is ignored: this installation already has users, and the first admin is"
                                                        + " only created on an empty one (promote a user with make-admin instead)")));
        HttpApi api = component.api();
        ExecutorService blockingWork = Executors.newVirtualThreadPerTaskExecutor();
        // half the processors at most: long evaluations queue for these rather than take every processor from the I/O
        // threads
        ExecutorService longWork = Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Thread.ofPlatform().name("long-work-", 0).daemon().factory());
        UndertowTransport transport = new UndertowTransport(
                api,
                blockingWork,
                longWork,
                settings.streamHeartbeat(),
                settings.configCache().keyTimeToLive(),
                settings.maxBodyBytes());
        GracefulShutdownHandler inFlight = Handlers.gracefulShutdown(new HttpContinueReadHandler(transport));
        WebServer webServer = WebServer.start(
                settings.port(),
                settings.edge(),
                settings.maxBodyBytes(),
                transport.answeringRefusalsWithProblems(inFlight),
                api.unparsable());
        MeasurementSettings measuring = component.measurementSettings();
        MeasurementFlushing measurement = MeasurementFlushing.every(
                measuring.flushInterval(),
                component.measurementBuffer(),
                deadline -> database.store().measurements().refreshStaleRollups(deadline),
                deadline -> database.store()
                        .measurements()
                        .keepRawData(LocalDate.now(ZoneOffset.UTC), measuring.retentionDays(), deadline));
        return new LocalServer(
                database,
                redis,
                requestLog,
                blockingWork,
                longWork,
                component.watches(),
                inFlight,
                webServer,
                measurement);
    }

    static LocalComponent component(
            RunnerSettings settings, LocalDatabase database, Optional<LettuceConnection> redis, RequestLog requestLog) {
        byte[] secret =
                settings.jwtSecret().orElseGet(() -> DevelopmentSecret.loadOrCreate(settings.developmentSecretFile()));
        return DaggerLocalComponent.factory()
                .create(
                        settings,
                        database.store(),
                        database.store().measurements(),
                        database.store().measurements(),
                        database.store().history(),
                        // the runner lives long enough to hold a subscription, so evaluations never wait on Redis
                        SharedState.subscribed(redis),
                        requestLog,
                        () -> secret);
    }

    int port() {
        return webServer.port();
    }

    /** How many event streams to SDKs are open. */
    int openStreams() {
        return streams.open();
    }

    /**
     * Stops taking requests, ends the event streams (their clients reconnect, to another instance if there is one),
     * lets the requests in flight finish (up to 5 s), writes what they measured, then closes Redis, the store and the
     * database.
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
        webServer.close();
        for (ExecutorService work : new ExecutorService[] {blockingWork, longWork}) {
            work.shutdown();
            try {
                work.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // after the last request, before the store closes: what was measured is written
        measurement.close();
        requestLog.close();
        redis.ifPresent(LettuceConnection::close);
        database.close();
    }
}
