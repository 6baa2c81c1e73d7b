package dev.bunting.adapter.http;

import dev.bunting.application.evaluation.EnvironmentWatches;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.port.StoreUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An open stream of server-sent events about one environment's flag set, in OFREP's event format so that OFREP
 * providers can follow it too ({@link RefetchEvents}). The first event says where
 * the flag set stands, unless the client's {@code Last-Event-ID} says it knows; then one event follows per new version.
 * An event never carries rules, so client-side keys follow streams too.
 *
 * <p>The transport answers 200 with {@link #headers()} and a {@code text/event-stream} body that starts with the
 * {@link #retry()} hint, then calls {@link #start} once, {@link #checkAccess} every so often (as often as a revoked key
 * may go on working, the key cache's time to live), and {@link #close} when the response ends, however it ends.
 */
public final class EventStream {

    static final Duration RETRY = Duration.ofSeconds(3);
    static final String CONTENT_TYPE = "text/event-stream; charset=UTF-8";
    /** Proxies must pass each event on as it comes: nginx buffers responses unless told not to. */
    private static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no");

    private final EnvironmentKey environment;
    private final Optional<String> lastEventId;
    private final RefetchEvents events;
    private final Supplier<EvaluationAccess> credentials;
    private final Watcher watcher = new Watcher();
    private volatile EnvironmentWatches.Watch watch;
    private EventSink sink;
    /** The newest version told before the stream started. */
    private String newest;

    private boolean ended;

    /** @param credentials what the opening request's credentials grant now; a {@link ProblemException} when they no longer authenticate */
    EventStream(
            EnvironmentKey environment,
            Optional<String> lastEventId,
            RefetchEvents events,
            Supplier<EvaluationAccess> credentials) {
        this.environment = environment;
        this.lastEventId = lastEventId;
        this.events = events;
        this.credentials = credentials;
    }

    /** What the watch tells this stream; it may speak before the transport has started the stream, which then keeps the news. */
    EnvironmentWatches.Watcher watcher() {
        return watcher;
    }

    EventStream following(EnvironmentWatches.Watch opened) {
        this.watch = opened;
        return this;
    }

    /** The response's headers beside its status (200) and content type. */
    public Map<String, String> headers() {
        return HEADERS;
    }

    /** How long the client should wait before reconnecting once the stream ends. */
    public Duration retry() {
        return RETRY;
    }

    /** Sends the first event if the client is behind, then each new version, to {@code sink}, until the stream ends or is closed. */
    public synchronized void start(EventSink events) {
        if (sink != null) {
            throw new IllegalStateException("the stream has started already");
        }
        sink = events;
        String current = newest != null ? newest : watch.startedAt();
        if (!lastEventId.equals(Optional.of(current))) {
            sink.send(event(current));
        }
        if (ended) {
            sink.end();
        }
    }

    /**
     * Checks the credentials that opened the stream again, and ends the stream when they no longer let it follow its
     * environment: a key revoked, a token signed out or retired by a password change. It may wait on the store, so the
     * transport calls it where waiting is allowed.
     */
    public void checkAccess() {
        Optional<EvaluationAccess> now;
        try {
            now = Optional.of(credentials.get());
        } catch (ProblemException refused) {
            now = Optional.empty();
        } catch (StoreUnavailableException e) {
            // whether they still hold cannot be told now; the next check asks again
            return;
        }
        watch.recheck(now);
    }

    /** Stops following the environment; the transport calls this when the response has ended. Idempotent. */
    public void close() {
        watch.stop();
    }

    private ServerSentEvent event(String version) {
        return events.at(environment, version);
    }

    private final class Watcher implements EnvironmentWatches.Watcher {

        @Override
        public void changed(String version) {
            synchronized (EventStream.this) {
                if (sink == null) {
                    newest = version;
                } else {
                    sink.send(event(version));
                }
            }
        }

        @Override
        public void ended() {
            synchronized (EventStream.this) {
                ended = true;
                if (sink != null) {
                    sink.end();
                }
            }
        }
    }
}
