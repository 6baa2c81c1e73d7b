package dev.bunting.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Subscribing to channels, which only a client for long-running processes offers (Lettuce's, in
 * bunting-adapter-redis-lettuce): a function frozen between requests could not hold a subscription anyway.
 */
public interface RedisSubscriber {

    /**
     * Opens a connection of its own, subscribed to {@code channels}, which the caller closes. Each message goes to
     * {@code onMessage} (channel, text) and, should the connection drop, {@code onDrop} is called; both may be called on
     * the client's own threads, so they must not block. The connection does not reconnect by itself.
     *
     * @throws RedisUnavailableException when Redis cannot be reached, or this client has been closed
     */
    Subscription subscribe(List<String> channels, BiConsumer<String, String> onMessage, Runnable onDrop);

    /** Whether this client has been closed for good; nothing connects after that. */
    boolean isClosed();

    /** One subscribed connection. */
    interface Subscription extends AutoCloseable {

        /**
         * Asks Redis for an answer on this connection, which can stay open while nothing arrives on it any more.
         *
         * @throws RedisUnavailableException when no answer comes within {@code patience}
         */
        void ping(Duration patience);

        boolean isOpen();

        @Override
        void close();
    }
}
