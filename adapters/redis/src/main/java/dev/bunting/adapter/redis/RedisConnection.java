package dev.bunting.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Lettuce's connection to Redis, for long-running processes: it can subscribe, which a {@link RedisConfigCache} that
 * hears invalidations needs. Opened on first use rather than when built, so that building the object graph needs no
 * Redis. (Lambda functions use {@link JedisConnection}, which starts in a fraction of the time.)
 *
 * <p>A failed connect is not remembered, and a dropped connection is not repaired in the background: the next use
 * connects again. Lettuce's own reconnecting is off, because it queues or rejects commands on a timer of its own while
 * it retries; connecting in the caller's thread instead means a command either reaches Redis or fails within the
 * timeout, and nothing runs between requests. One Lettuce connection is thread-safe and pipelines concurrent
 * commands, so one per process is enough. (A subscribed {@link RedisConfigCache} holds a second connection, for
 * subscribing, and its own thread; long-running runtimes only.)
 */
public final class RedisConnection extends RedisCalls {

    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private boolean closed;

    /** Opens nothing yet. */
    public RedisConnection(RedisSettings settings) {
        super(settings);
    }

    @Override
    List<String> evalStrings(String script, String[] keys, String... arguments) {
        List<Object> reply = call(commands -> commands.eval(script, ScriptOutputType.MULTI, keys, arguments));
        return reply.stream().map(element -> (String) element).toList();
    }

    @Override
    long evalInteger(String script, String[] keys, String... arguments) {
        Long reply = call(commands -> commands.eval(script, ScriptOutputType.INTEGER, keys, arguments));
        return reply == null ? 0 : reply;
    }

    @Override
    void publish(String channel, String message) {
        call(commands -> commands.publish(channel, message));
    }

    @Override
    void ping() {
        call(RedisCommands::ping);
    }

    @Override
    List<Double> scoresAbove(String key, long exclusiveMinimum) {
        return call(commands -> commands.zrangebyscoreWithScores(key, "(" + exclusiveMinimum, "+inf")).stream()
                .map(ScoredValue::getScore)
                .toList();
    }

    @Override
    void delete(String key) {
        call(commands -> commands.del(key));
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(commands());
        } catch (RedisException e) {
            throw new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
    }

    /** Lettuce's whole command set, connected; also for this package's tests, which inspect the server with it. */
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

    /** Whether {@link #close()} has been called; nothing connects after that. */
    synchronized boolean isClosed() {
        return closed;
    }

    private synchronized RedisClient client() {
        if (closed) {
            throw new RedisConnectionException("the connection to Redis has been closed");
        }
        if (client == null) {
            RedisURI uri = settings().uri();
            client = RedisClient.create(uri);
            client.setOptions(ClientOptions.builder()
                    .socketOptions(SocketOptions.builder()
                            .connectTimeout(uri.getTimeout())
                            .build())
                    .autoReconnect(false)
                    .build());
        }
        return client;
    }

    @Override
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

    @Override
    public synchronized boolean isConnected() {
        return connection != null && connection.isOpen();
    }

    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
    }
}
