package dev.bunting.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The connection to Redis this module's adapters share, opened on first use rather than when built. With Lambda
 * SnapStart the init phase is snapshotted and restored many times, and a socket (or Lettuce's event-loop threads)
 * made then would be dead or shared after a restore; connecting on the first request means every restored environment
 * opens its own.
 *
 * <p>A failed connect is not remembered, and a dropped connection is not repaired in the background: the next use
 * connects again. Lettuce's own reconnecting is off, because it queues or rejects commands on a timer of its own while
 * it retries; connecting in the caller's thread instead means a command either reaches Redis or fails within the
 * timeout, and nothing runs between requests. One Lettuce connection is thread-safe and pipelines concurrent
 * commands, so one per process is enough. (A subscribed {@link RedisConfigCache} holds a second connection, for
 * subscribing, and its own thread; long-running runtimes only.)
 */
public final class RedisConnection implements AutoCloseable {

    private final RedisSettings settings;
    private final Supplier<String> password;
    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private boolean closed;

    /** Opens nothing yet. */
    public RedisConnection(RedisSettings settings) {
        this(settings, null);
    }

    /**
     * Opens nothing yet; each connect signs in with the password {@code password} gives then (an ElastiCache AUTH
     * token kept in a secrets store, which may rotate it) rather than one in the URL.
     */
    public RedisConnection(RedisSettings settings, Supplier<String> password) {
        this.settings = settings;
        this.password = password;
    }

    /** {@code name} under this installation's namespace. */
    String key(String name) {
        return settings.namespace() + name;
    }

    /** @throws io.lettuce.core.RedisException when Redis cannot be reached (adapters wrap it in their port's exception) */
    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null || !open.isOpen()) {
            open = connect();
        }
        return open.sync();
    }

    private synchronized StatefulRedisConnection<String, String> connect() {
        if (connection == null || !connection.isOpen()) {
            RedisClient opened = client();
            if (connection != null) {
                connection.close();
                connection = null;
            }
            connection = opened.connect();
        }
        return connection;
    }

    /**
     * A new connection for subscribing, which the caller owns and closes. Subscribing takes a connection of its own, as
     * a subscribed connection carries messages rather than command replies. Like every connection here it does not
     * reconnect by itself: when it drops, the caller opens another.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached, or this connection has been closed
     */
    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client().connectPubSub();
    }

    /** How long a command, or connecting, may take before it fails. */
    Duration timeout() {
        return settings.uri().getTimeout();
    }

    /** Whether {@link #close()} has been called; nothing connects after that. */
    synchronized boolean isClosed() {
        return closed;
    }

    private synchronized RedisClient client() {
        if (closed) {
            throw new RedisConnectionException("the connection to Redis has been closed");
        }
        if (client == null) {
            RedisURI uri = settings.uri();
            if (password != null) {
                uri.setCredentialsProvider(RedisCredentialsProvider.from(() -> RedisCredentials.just(null, password.get())));
            }
            client = RedisClient.create(uri);
            client.setOptions(ClientOptions.builder()
                    .socketOptions(SocketOptions.builder().connectTimeout(uri.getTimeout()).build())
                    .autoReconnect(false)
                    .build());
        }
        return client;
    }

    /**
     * Closes the connection and the client's threads but stays usable: the next command connects again. For a
     * SnapStart snapshot, which must hold no socket.
     */
    public synchronized void disconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
    }

    /** Whether a connection is open now. */
    public synchronized boolean isConnected() {
        return connection != null && connection.isOpen();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
    }
}
