package dev.bunting.adapter.redis.lettuce;

import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.RedisSubscriber;
import dev.bunting.adapter.redis.RedisUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Lettuce's connection to Redis, for long-running processes: it can subscribe, which a config cache that hears
 * invalidations needs. Opened on first use rather than when built, so that building the object graph needs no Redis.
 * (Lambda functions use Jedis's connection, bunting-adapter-redis-jedis, which starts in a fraction of the time.)
 *
 * <p>A failed connect is not remembered, and a dropped connection is not repaired in the background: the next use
 * connects again. Lettuce's own reconnecting is off, because it queues or rejects commands on a timer of its own while
 * it retries; connecting in the caller's thread instead means a command either reaches Redis or fails within the
 * timeout, and nothing runs between requests. One Lettuce connection is thread-safe and pipelines concurrent
 * commands, so one per process is enough. (A subscribed {@link RedisConfigCache} holds a second connection, for
 * subscribing, and its own thread; long-running runtimes only.)
 */
public final class LettuceConnection extends RedisCalls implements RedisSubscriber {

    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private boolean closed;

    /** Opens nothing yet. */
    public LettuceConnection(RedisSettings settings) {
        super(settings);
    }

    @Override
    protected List<String> evalStrings(String script, String[] keys, String... arguments) {
        List<Object> reply = call(commands -> commands.eval(script, ScriptOutputType.MULTI, keys, arguments));
        return reply.stream().map(element -> (String) element).toList();
    }

    @Override
    protected long evalInteger(String script, String[] keys, String... arguments) {
        Long reply = call(commands -> commands.eval(script, ScriptOutputType.INTEGER, keys, arguments));
        return reply == null ? 0 : reply;
    }

    @Override
    protected void publish(String channel, String message) {
        call(commands -> commands.publish(channel, message));
    }

    @Override
    protected void ping() {
        call(RedisCommands::ping);
    }

    @Override
    protected List<Double> scoresAbove(String key, long exclusiveMinimum) {
        return call(commands -> commands.zrangebyscoreWithScores(key, "(" + exclusiveMinimum, "+inf")).stream()
                .map(ScoredValue::getScore)
                .toList();
    }

    @Override
    protected void delete(String key) {
        call(commands -> commands.del(key));
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(commands());
        } catch (RedisException e) {
            throw new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
    }

    private RedisCommands<String, String> commands() {
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
     * Subscribing takes a connection of its own, as a subscribed connection carries messages rather than command
     * replies. Like every connection here it does not reconnect by itself: when it drops, the caller opens another.
     */
    @Override
    public Subscription subscribe(List<String> channels, BiConsumer<String, String> onMessage, Runnable onDrop) {
        StatefulRedisPubSubConnection<String, String> connection;
        try {
            connection = client().connectPubSub();
        } catch (RedisException e) {
            throw new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String text) {
                onMessage.accept(channel, text);
            }
        });
        connection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                onDrop.run();
            }
        });
        try {
            connection.sync().subscribe(channels.toArray(String[]::new));
        } catch (RedisException e) {
            connection.close();
            throw new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
        return new LettuceSubscription(connection);
    }

    private record LettuceSubscription(StatefulRedisPubSubConnection<String, String> connection)
            implements Subscription {

        @Override
        public void ping(Duration patience) {
            try {
                connection.async().ping().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new RedisUnavailableException("the subscription's connection to Redis did not answer a ping", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisUnavailableException("the subscription's thread was interrupted", e);
            }
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Whether {@link #close()} has been called; nothing connects after that. */
    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    private synchronized RedisClient client() {
        if (closed) {
            throw new RedisConnectionException("the connection to Redis has been closed");
        }
        if (client == null) {
            RedisURI uri = uri(settings().endpoint());
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

    /** Lettuce's URI for the endpoint the settings name, with the timeout applied. */
    private static RedisURI uri(RedisSettings.Endpoint endpoint) {
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(endpoint.host())
                .withPort(endpoint.port())
                .withSsl(endpoint.tls())
                .withDatabase(endpoint.database())
                .withTimeout(endpoint.timeout());
        if (endpoint.password() != null) {
            uri = endpoint.user() == null
                    ? uri.withPassword(endpoint.password().toCharArray())
                    : uri.withAuthentication(endpoint.user(), endpoint.password());
        }
        if (endpoint.clientName() != null) {
            uri = uri.withClientName(endpoint.clientName());
        }
        return uri.build();
    }
}
