package dev.bunting.adapter.redis;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A long-running instance's subscription to the invalidations every instance publishes, kept open by one daemon thread
 * of its own: it connects, subscribes, carries out each message in turn and confirms it to its sender when asked, and
 * when the connection drops (or stops answering the heartbeat) it tells the cache, waits a moment and starts over,
 * until the Redis connection is closed.
 *
 * <p>Messages are handled on that thread rather than the client's (Lettuce's event loop), which must never block, while
 * confirming a message is a Redis command and listeners may take their time. Which client subscribes is the
 * {@link RedisSubscriber}'s business; what the messages mean is this class's.
 */
final class InvalidationSubscription {

    /** What the subscription reports to the cache it serves. Each call comes from the subscription's thread. */
    interface Receiver {

        /**
         * Connected and subscribed: from now on every invalidation will be heard. Until then, other instances'
         * invalidations went unheard, whether this is the first subscription or one after an interruption.
         */
        void listening();

        /** No longer subscribed: invalidations are going unheard from now on. */
        void deaf(RedisUnavailableException cause);

        /** Another instance invalidated {@code target} (empty: all); called before the sender hears it was carried out. */
        void forget(Optional<EnvironmentKey> target);

        /** Called once the sender has been told: for telling the cache's listeners. */
        void forgotten(Optional<EnvironmentKey> target);

        /** Called about once a {@link #HEARTBEAT} while listening, after Redis answered a ping. */
        void beat();
    }

    enum State {
        CONNECTING,
        LISTENING,
        DOWN
    }

    private static final Logger LOG = Logger.getLogger(RedisConfigCache.class.getName());
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration LAST_RETRY = Duration.ofSeconds(1);

    private final RedisSubscriber redis;
    private final Duration timeout;
    private final SharedConfigs shared;
    private final Receiver receiver;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ConcurrentMap<String, Semaphore> awaited = new ConcurrentHashMap<>();
    private volatile State state = State.CONNECTING;
    private volatile String origin;

    private sealed interface Event {}

    private record Message(String channel, String text) implements Event {}

    private record Dropped(Object attempt) implements Event {}

    InvalidationSubscription(RedisSubscriber redis, Duration timeout, SharedConfigs shared, Receiver receiver) {
        this.redis = redis;
        this.timeout = timeout;
        this.shared = shared;
        this.receiver = receiver;
    }

    /** Starts the subscription's thread, the first time only; cheap to call on every use. */
    void start() {
        if (!started.get()) {
            startOnce();
        }
    }

    private synchronized void startOnce() {
        if (!started.get()) {
            // names this instance to the others when they confirm its invalidations; made here, not at build time
            origin = UUID.randomUUID().toString();
            started.set(true);
            Thread.ofPlatform().daemon().name("bunting-config-invalidations").start(this::run);
        }
    }

    boolean listening() {
        return state == State.LISTENING;
    }

    /** This instance's name in invalidation messages; set by {@link #start()}. */
    String origin() {
        return origin;
    }

    /** The state, once the first attempt to subscribe has succeeded or failed (waiting for it at most {@code patience}). */
    State settledState(Duration patience) {
        start();
        try {
            firstAttempt.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return state;
    }

    /**
     * Makes ready to count confirmations of the invalidation that will carry {@code version}; present only while this
     * instance is listening, as confirmations reach it through its subscription.
     */
    Optional<Confirmations> expectConfirmations(String version) {
        if (!listening()) {
            return Optional.empty();
        }
        Semaphore received = new Semaphore(0);
        awaited.put(version, received);
        return Optional.of(new Confirmations(origin, version, received));
    }

    /** Confirmations of one invalidation, as they arrive. */
    final class Confirmations implements AutoCloseable {

        private final String origin;
        private final String version;
        private final Semaphore received;

        private Confirmations(String origin, String version, Semaphore received) {
            this.origin = origin;
            this.version = version;
            this.received = received;
        }

        /** The origin to publish with, so that receivers confirm to this instance. */
        String origin() {
            return origin;
        }

        /** @return whether {@code expected} confirmations arrived within {@code patience} */
        boolean await(long expected, Duration patience) {
            try {
                return received.tryAcquire(
                        (int) Math.min(expected, Integer.MAX_VALUE), patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() {
            awaited.remove(version);
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (!redis.isClosed() && !Thread.currentThread().isInterrupted()) {
            RedisSubscriber.Subscription subscription = null;
            RedisUnavailableException cause;
            try {
                // names this attempt's connection in its drop, so that a late drop of an earlier one is told apart
                Object attempt = new Object();
                subscription = redis.subscribe(
                        List.of(shared.invalidationChannel(), shared.confirmationChannel(origin)),
                        (channel, text) -> events.offer(new Message(channel, text)),
                        () -> {
                            // at once, on the client's thread: gets stop trusting copies before this thread catches up
                            state = State.DOWN;
                            events.offer(new Dropped(attempt));
                        });
                receiver.listening();
                state = State.LISTENING;
                firstAttempt.countDown();
                retry = FIRST_RETRY;
                cause = listen(subscription, attempt);
            } catch (RedisUnavailableException e) {
                cause = e;
            } catch (RuntimeException e) {
                // a listener's failure, say: this thread must outlive it, or invalidations would go unheard for good;
                // unless the connection was closed meanwhile, which the client may report in its own way
                if (!redis.isClosed()) {
                    LOG.log(Level.SEVERE, "the config cache's subscription failed unexpectedly; subscribing again", e);
                }
                cause = new RedisUnavailableException("the subscription failed unexpectedly", e);
            } finally {
                state = State.DOWN;
                // one that dropped has been closed by the client already
                if (subscription != null && subscription.isOpen()) {
                    subscription.close();
                }
            }
            if (redis.isClosed()) {
                // shutting down: not an outage
                firstAttempt.countDown();
                return;
            }
            receiver.deaf(cause);
            firstAttempt.countDown();
            pause(retry);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    /** Handles messages until the connection drops or misses a heartbeat; returns why. */
    private RedisUnavailableException listen(RedisSubscriber.Subscription subscription, Object attempt) {
        long nextBeat = System.nanoTime() + HEARTBEAT.toNanos();
        while (true) {
            Event event;
            try {
                long wait = nextBeat - System.nanoTime();
                event = wait > 0 ? events.poll(wait, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RedisUnavailableException("the subscription's thread was interrupted");
            }
            switch (event) {
                case null -> {
                    // a connection can stay open while nothing arrives on it any more (a peer gone without a word):
                    // ask it, once a heartbeat whatever the traffic
                    try {
                        subscription.ping(timeout);
                    } catch (RedisUnavailableException silent) {
                        return silent;
                    }
                    receiver.beat();
                    nextBeat = System.nanoTime() + HEARTBEAT.toNanos();
                }
                case Dropped dropped
                when dropped.attempt() == attempt -> {
                    return new RedisUnavailableException("the subscription's connection to Redis dropped");
                }
                case Dropped earlier -> {
                    // an earlier connection's, already replaced
                }
                case Message message -> handle(message);
            }
        }
    }

    private void handle(Message message) {
        if (message.channel().equals(shared.invalidationChannel())) {
            invalidation(message.text());
        } else {
            Semaphore received = awaited.get(message.text());
            if (received != null) {
                received.release();
            }
        }
    }

    private void invalidation(String text) {
        Optional<Invalidation> parsed = Invalidation.parse(text);
        if (parsed.isEmpty()) {
            LOG.warning("ignoring an invalidation message this release cannot read: " + text);
            return;
        }
        Invalidation invalidation = parsed.get();
        // this instance's own invalidations were carried out before they were published
        boolean own = invalidation.origin().equals(origin);
        if (!own) {
            receiver.forget(invalidation.target());
        }
        if (!invalidation.origin().equals(SharedConfigs.NO_CONFIRMATION)) {
            try {
                shared.confirm(invalidation.origin(), invalidation.version());
            } catch (RedisUnavailableException e) {
                // the sender stops waiting after its timeout; if Redis is gone, the subscription learns of it shortly
            }
        }
        if (!own) {
            receiver.forgotten(invalidation.target());
        }
    }

    /** A message as {@link SharedConfigs#announce} publishes it: {@code <origin> <version> <environment or *>}. */
    private record Invalidation(String origin, String version, Optional<EnvironmentKey> target) {

        static Optional<Invalidation> parse(String text) {
            String[] parts = text.split(" ", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            if (parts[2].equals(SharedConfigs.EVERY_ENVIRONMENT)) {
                return Optional.of(new Invalidation(parts[0], parts[1], Optional.empty()));
            }
            try {
                return Optional.of(new Invalidation(parts[0], parts[1], Optional.of(new EnvironmentKey(parts[2]))));
            } catch (InvalidInputException e) {
                return Optional.empty();
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
