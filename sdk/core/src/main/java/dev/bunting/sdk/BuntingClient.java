package dev.bunting.sdk;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.domain.evaluation.ErrorCode;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.flag.FlagKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Evaluates Bunting flags in this process, with Bunting's own evaluator, against a snapshot of the environment's flag
 * set that {@link SyncMode} keeps current. An evaluation reads one immutable snapshot: it takes no lock, does no I/O
 * (except in {@link SyncMode#NO_THREADS}, where a stale snapshot is refreshed inline at most once per maximum age),
 * never throws, and for a flag without a split allocates nothing. Exposures of flags under a running experiment and
 * {@link #track tracked events} go to {@code POST /events} in batches.
 *
 * <pre>{@code
 * try (BuntingClient flags = BuntingClient.start(BuntingOptions.builder("https://flags.example.com")
 *         .sdkKey(System.getenv("BUNTING_SDK_KEY")).build())) {
 *     boolean on = flags.boolValue("new-checkout", false, BuntingContext.of("user-42"));
 * }
 * }</pre>
 */
public final class BuntingClient implements AutoCloseable {

    private final Clock clock;
    private final Health health;
    private final SnapshotReader reader;
    private final EventQueue events;
    private final Connection connection;
    private final LastKnownGood lastKnownGood;
    private final BuntingOptions options;
    private final boolean inline;
    private final long maxAgeMillis;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile long checkedAt;
    private volatile boolean checkedOnce;
    private ScheduledExecutorService scheduler;
    private Streaming streaming;

    private BuntingClient(BuntingOptions options, Connection connection, EventQueue events, Health health) {
        this.options = options;
        this.clock = options.clock();
        this.health = health;
        this.reader = new SnapshotReader(Evaluators.standard());
        this.connection = connection;
        this.events = events;
        this.lastKnownGood = options.lastKnownGoodFile().map(LastKnownGood::new).orElse(null);
        this.inline = options.mode() == SyncMode.NO_THREADS;
        this.maxAgeMillis = options.maxAge().toMillis();
    }

    /**
     * Starts a client: serves a bootstrap flag set at once if given, then (except in {@link SyncMode#NO_THREADS},
     * which opens nothing until its first evaluation) fetches the flag set, waiting up to the init timeout, and starts
     * keeping it current. When the server cannot be reached, a last-known-good file is served instead.
     *
     * @throws BuntingException when the server refuses the key, or failing fast, when there is nothing to serve
     */
    public static BuntingClient start(BuntingOptions options) {
        return start(options, null);
    }

    /** As {@link #start(BuntingOptions)}, with {@code listener} hearing every status change from the first. */
    public static BuntingClient start(BuntingOptions options, ClientListener listener) {
        Connection connection = new Connection(options);
        Health health = new Health(options.clock(), options.staleGracePeriod());
        if (listener != null) {
            health.listen(listener);
        }
        EventQueue events = options.sendEvents()
                ? new EventQueue(
                        options.eventCapacity(),
                        connection::postEvents,
                        options.environment().orElse(null),
                        options.clock())
                : null;
        BuntingClient client = new BuntingClient(options, connection, events, health);
        client.bootstrap();
        if (client.inline) {
            return client;
        }
        client.refreshFromServer(options.initTimeout());
        if (client.status() == ClientStatus.FATAL) {
            client.close();
            throw new BuntingException(
                    "the server refused the SDK key: check that it is a server SDK key for this environment", true);
        }
        if (options.failFast() && client.snapshot.isEmpty()) {
            client.close();
            throw new BuntingException(
                    "no flag set to serve: the server did not answer within " + options.initTimeout()
                            + " and there is no bootstrap or last-known-good file",
                    false);
        }
        client.startSynchronising();
        return client;
    }

    /** A client on flags set in memory by a test, with no server; see {@link TestFlags}. */
    static BuntingClient inMemory(BuntingOptions options, EventQueue events) {
        return new BuntingClient(options, null, events, new Health(options.clock(), options.staleGracePeriod()));
    }

    private void bootstrap() {
        Optional<String> body = options.bootstrapJson()
                .or(() -> options.bootstrapFile().map(file -> {
                    try {
                        return Files.readString(file, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the bootstrap file " + file, e);
                    }
                }));
        body.ifPresent(flagSet -> {
            apply(reader.read(flagSet, null), false);
            health.serving();
        });
    }

    private void startSynchronising() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bunting-sync");
            thread.setDaemon(true);
            return thread;
        });
        Polling polling = new Polling(this, scheduler, options);
        if (options.mode() == SyncMode.STREAMING) {
            streaming = new Streaming(this, connection, options, polling);
            streaming.start();
        } else {
            polling.start(options.pollInterval());
        }
        if (events != null) {
            long every = options.flushInterval().toMillis();
            scheduler.scheduleWithFixedDelay(
                    () -> events.flush(options.requestTimeout()), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Evaluates a flag expecting a value of {@code expected}: a flag of another kind gives TYPE_MISMATCH. */
    public Evaluation evaluate(String flagKey, FlagKind expected, BuntingContext context) {
        beforeEvaluation();
        Snapshot.SnapshotFlag flag = snapshot.flags().get(flagKey);
        if (context.isInvalid()) {
            return Evaluation.error(
                    flagKey,
                    flag == null ? null : flag.prepared().flag().kind(),
                    ErrorCode.INVALID_CONTEXT,
                    context.invalidReason().orElse("invalid context"));
        }
        if (flag == null) {
            return Evaluation.flagNotFound(flagKey);
        }
        EvaluationContext evaluationContext = context.evaluationContext();
        PreparedFlag prepared = flag.prepared();
        Evaluation evaluation = expected == null
                ? prepared.evaluate(evaluationContext)
                : prepared.evaluate(evaluationContext, expected);
        if (flag.experiment() != null) {
            expose(prepared, evaluationContext, evaluation);
        }
        return evaluation;
    }

    /** Evaluates a flag of any kind. */
    public Evaluation evaluate(String flagKey, BuntingContext context) {
        return evaluate(flagKey, null, context);
    }

    public boolean boolValue(String flagKey, boolean defaultValue, BuntingContext context) {
        return evaluate(flagKey, FlagKind.BOOLEAN, context).value() instanceof Boolean value ? value : defaultValue;
    }

    public String stringValue(String flagKey, String defaultValue, BuntingContext context) {
        return evaluate(flagKey, FlagKind.STRING, context).value() instanceof String value ? value : defaultValue;
    }

    public BigDecimal numberValue(String flagKey, BigDecimal defaultValue, BuntingContext context) {
        return evaluate(flagKey, FlagKind.NUMBER, context).value() instanceof BigDecimal value ? value : defaultValue;
    }

    /** A JSON flag's value: maps, lists, strings, BigDecimal numbers, booleans or null. */
    public Object jsonValue(String flagKey, Object defaultValue, BuntingContext context) {
        Evaluation evaluation = evaluate(flagKey, FlagKind.JSON, context);
        return evaluation.isError() ? defaultValue : evaluation.value();
    }

    /** Every flag of the environment, evaluated for {@code context}, in the server's order. */
    public List<Evaluation> allFlags(BuntingContext context) {
        beforeEvaluation();
        Snapshot.SnapshotFlag[] flags = snapshot.ordered();
        Evaluation[] evaluations = new Evaluation[flags.length];
        EvaluationContext evaluationContext = context.evaluationContext();
        for (int i = 0; i < flags.length; i++) {
            PreparedFlag prepared = flags[i].prepared();
            if (context.isInvalid()) {
                evaluations[i] = Evaluation.error(
                        prepared.flag().key().value(),
                        prepared.flag().kind(),
                        ErrorCode.INVALID_CONTEXT,
                        context.invalidReason().orElse("invalid context"));
                continue;
            }
            evaluations[i] = prepared.evaluate(evaluationContext);
            if (flags[i].experiment() != null) {
                expose(prepared, evaluationContext, evaluations[i]);
            }
        }
        return Arrays.asList(evaluations);
    }

    /**
     * Records that the context's unit did something, for experiment metrics: sent with the next batch.
     *
     * @param value   the event's value for mean metrics (such as revenue); null counts 1
     * @param details a JSON object of at most 4,096 characters, kept with the event; may be empty
     * @return false when the event was not queued: the context has no targeting key, or events are off
     */
    public boolean track(String eventName, BuntingContext context, Double value, Map<String, ?> details) {
        String unit = context.evaluationContext().targetingKey();
        if (events == null || unit == null || unit.isEmpty()) {
            return false;
        }
        events.track(eventName, unit, value, details);
        return true;
    }

    /** @see #track(String, BuntingContext, Double, Map) */
    public boolean track(String eventName, BuntingContext context) {
        return track(eventName, context, null, Map.of());
    }

    /**
     * Sends every queued event now, within the flush deadline; in {@link SyncMode#NO_THREADS} the only way events
     * leave, so call it before an invocation returns. Returns whether the queue was emptied.
     */
    public boolean flush() {
        return events == null || events.flush(options.flushDeadline());
    }

    /** Fetches the flag set now if it changed; whether the server answered. */
    public boolean refresh() {
        if (connection == null) {
            return true;
        }
        checkedAt = clock.millis();
        checkedOnce = true;
        return refreshFromServer(options.requestTimeout());
    }

    public ClientStatus status() {
        return health.status();
    }

    public void addListener(ClientListener listener) {
        health.listen(listener);
    }

    public void removeListener(ClientListener listener) {
        health.unlisten(listener);
    }

    /** Events dropped because the queue was full or the server refused them. */
    public long droppedEvents() {
        return events == null ? 0 : events.dropped();
    }

    /** Events the server acknowledged. */
    public long sentEvents() {
        return events == null ? 0 : events.sent();
    }

    /** The version of the flag set being served; empty before the first. */
    public String version() {
        return snapshot.version();
    }

    /** Stops synchronising and sends what is queued, within the flush deadline. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (streaming != null) {
            streaming.stop();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        flush();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** The server answered (a stream opened): the client is current again, as its stream will say what changed. */
    void serverAnswered() {
        if (!snapshot.isEmpty()) {
            health.reachable();
        }
    }

    String currentEtag() {
        return snapshot.etag();
    }

    /**
     * One conditional fetch: a new flag set is swapped in, and saved as the last known good; whether the server
     * answered. A failure with nothing yet to serve falls back on the last-known-good file.
     */
    boolean refreshFromServer(Duration timeout) {
        Snapshot current = snapshot;
        Connection.Fetch fetched = connection.fetch(current.etag(), timeout);
        switch (fetched) {
            case Connection.Fetch.Fetched body -> {
                Snapshot next;
                try {
                    next = reader.read(body.body(), body.etag());
                } catch (IllegalArgumentException e) {
                    health.unreachable("the server's flag set cannot be read: " + e.getMessage(), !current.isEmpty());
                    return false;
                }
                apply(next, true);
                health.reachable();
                return true;
            }
            case Connection.Fetch.NotModified notModified -> {
                health.reachable();
                return true;
            }
            case Connection.Fetch.Refused refused -> {
                health.refused("the server refused the key with " + refused.status()
                        + ": a server SDK key for this environment is needed");
                return false;
            }
            case Connection.Fetch.Failed failed -> {
                if (snapshot.isEmpty()) {
                    loadLastKnownGood();
                }
                health.unreachable(failed.reason(), !snapshot.isEmpty());
                return false;
            }
        }
    }

    /** Swaps in {@code next}; listeners hear which flags changed (not for the first flag set). */
    void apply(Snapshot next, boolean persist) {
        Snapshot previous = snapshot;
        snapshot = next;
        if (persist && lastKnownGood != null && !next.body().isEmpty()) {
            try {
                lastKnownGood.write(next.body());
            } catch (UncheckedIOException e) {
                // serving goes on; the next flag set tries again
            }
        }
        if (!previous.isEmpty()) {
            health.flagsChanged(next.changedSince(previous));
        }
    }

    Health health() {
        return health;
    }

    private void loadLastKnownGood() {
        if (lastKnownGood == null) {
            return;
        }
        lastKnownGood.read().ifPresent(body -> {
            try {
                apply(reader.read(body, null), false);
            } catch (IllegalArgumentException e) {
                // an unreadable file is no flag set: serve defaults until the server answers
            }
        });
    }

    /** In {@link SyncMode#NO_THREADS}, refreshes inline when the snapshot is older than the maximum age. */
    private void beforeEvaluation() {
        if (!inline || connection == null) {
            return;
        }
        long now = clock.millis();
        if (checkedOnce && now - checkedAt < maxAgeMillis) {
            return;
        }
        if (refreshing.compareAndSet(false, true)) {
            try {
                checkedAt = now;
                checkedOnce = true;
                refreshFromServer(options.requestTimeout());
            } finally {
                refreshing.set(false);
            }
        }
    }

    private void expose(PreparedFlag prepared, EvaluationContext context, Evaluation evaluation) {
        // the experiment's units are those its fallthrough split assigns, as on the server
        if (events == null
                || evaluation.reason() != Reason.SPLIT
                || evaluation.ruleId() != null
                || evaluation.variant() == null) {
            return;
        }
        prepared.unitOf(context)
                .filter(unit -> unit.length() <= 2_000)
                .ifPresent(unit -> events.exposure(
                        prepared.flag().key().value(), evaluation.variant().value(), unit));
    }
}
