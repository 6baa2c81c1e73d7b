package dev.bunting.adapter.redis.jedis;

import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.RedisUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultRedisCredentials;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.Tuple;

/**
 * Jedis's blocking connection to Redis, for Lambda functions: it has no event loop to start and no reactive layer, so a
 * cold start reaches its first command in about a tenth of Lettuce's time (88 ms against 700–900 ms in a fresh JVM
 * here), and a function answers one request at a time anyway. It cannot subscribe, which a function frozen between
 * requests cannot do either. Opened on first use, like Lettuce's connection, so SnapStart snapshots no socket; a
 * pool of two, since a request's store reads may run on a second thread.
 */
public final class JedisConnection extends RedisCalls {

    private static final int POOL_SIZE = 2;

    private final Supplier<String> password;
    private RedisClient client;
    private boolean closed;

    /** Opens nothing yet. */
    public JedisConnection(RedisSettings settings) {
        this(settings, null);
    }

    /**
     * Opens nothing yet; each connection signs in with the password {@code password} gives then (an ElastiCache AUTH
     * token kept in a secrets store, which may rotate it) rather than one in the URL.
     */
    public JedisConnection(RedisSettings settings, Supplier<String> password) {
        super(settings);
        this.password = password;
    }

    @Override
    protected List<String> evalStrings(String script, String[] keys, String... arguments) {
        Object reply = call(redis -> redis.eval(script, List.of(keys), List.of(arguments)));
        return ((List<?>) reply).stream().map(element -> (String) element).toList();
    }

    @Override
    protected long evalInteger(String script, String[] keys, String... arguments) {
        Object reply = call(redis -> redis.eval(script, List.of(keys), List.of(arguments)));
        return reply == null ? 0 : (Long) reply;
    }

    @Override
    protected void publish(String channel, String message) {
        call(redis -> redis.publish(channel, message));
    }

    @Override
    protected void ping() {
        call(RedisClient::ping);
    }

    @Override
    protected List<Double> scoresAbove(String key, long exclusiveMinimum) {
        return call(redis -> redis.zrangeByScoreWithScores(key, "(" + exclusiveMinimum, "+inf")).stream()
                .map(Tuple::getScore)
                .toList();
    }

    @Override
    protected void delete(String key) {
        call(redis -> redis.del(key));
    }

    private <T> T call(Function<RedisClient, T> command) {
        try {
            return command.apply(client());
        } catch (JedisException e) {
            throw new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
    }

    private synchronized RedisClient client() {
        if (closed) {
            throw new RedisUnavailableException("the connection to Redis has been closed");
        }
        if (client == null) {
            RedisSettings.Endpoint endpoint = settings().endpoint();
            int timeout = (int) endpoint.timeout().toMillis();
            // RESP2, as Lettuce speaks by default: replies have one shape whatever the server offers
            DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                    .protocol(RedisProtocol.RESP2)
                    .ssl(endpoint.tls())
                    .database(endpoint.database())
                    .connectionTimeoutMillis(timeout)
                    .socketTimeoutMillis(timeout)
                    .clientName(endpoint.clientName());
            if (password != null) {
                config.credentialsProvider(() -> new DefaultRedisCredentials(endpoint.user(), currentPassword()));
            } else if (endpoint.password() != null) {
                config.credentialsProvider(() -> new DefaultRedisCredentials(endpoint.user(), endpoint.password()));
            }
            ConnectionPoolConfig pool = new ConnectionPoolConfig();
            pool.setMaxTotal(POOL_SIZE);
            pool.setMaxIdle(POOL_SIZE);
            pool.setMinIdle(0);
            pool.setMaxWait(Duration.ofMillis(timeout));
            // registering the pool with JMX starts the platform MBean server, and JFR with it: a tenth of a cold start
            pool.setJmxEnabled(false);
            client = RedisClient.builder()
                    .hostAndPort(new HostAndPort(endpoint.host(), endpoint.port()))
                    .clientConfig(config.build())
                    .poolConfig(pool)
                    .build();
        }
        return client;
    }

    /** A password that cannot be read fails the connection, as Redis being out of reach would. */
    private String currentPassword() {
        try {
            return password.get();
        } catch (RuntimeException e) {
            throw new JedisConnectionException("cannot read the Redis password: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void disconnect() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Whether the pool holds a connection now, in use or idle. */
    @Override
    public synchronized boolean isConnected() {
        return client != null
                && (client.getPool().getNumActive() + client.getPool().getNumIdle()) > 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
    }
}
