package dev.bunting.adapter.redis;

import java.time.Duration;
import java.util.List;

/**
 * The calls Bunting makes on Redis, whichever client makes them. Each client has a module of its own: Lettuce's
 * connection (bunting-adapter-redis-lettuce) can also subscribe ({@link RedisSubscriber}) and so serves long-running
 * processes; Jedis's (bunting-adapter-redis-jedis) starts in a fraction of the time and serves Lambda functions. Both
 * open nothing until the first call, and fail with {@link RedisUnavailableException}.
 */
public abstract class RedisCalls implements AutoCloseable {

    private final RedisSettings settings;

    protected RedisCalls(RedisSettings settings) {
        this.settings = settings;
    }

    /** {@code name} under this installation's namespace. */
    final String key(String name) {
        return settings.namespace() + name;
    }

    /** How long a command, or connecting, may take before it fails. */
    protected final Duration timeout() {
        return settings.timeout();
    }

    protected final RedisSettings settings() {
        return settings;
    }

    /** Runs a script that answers an array of bulk strings; Redis's nil is null. */
    protected abstract List<String> evalStrings(String script, String[] keys, String... arguments);

    /** Runs a script that answers an integer. */
    protected abstract long evalInteger(String script, String[] keys, String... arguments);

    protected abstract void publish(String channel, String message);

    protected abstract void ping();

    /** The scores of a sorted set's members scored above {@code exclusiveMinimum}, lowest first. */
    protected abstract List<Double> scoresAbove(String key, long exclusiveMinimum);

    protected abstract void delete(String key);

    /**
     * Closes the connection and whatever the client runs, but stays usable: the next call connects again. For a
     * SnapStart snapshot, which must hold no socket.
     */
    public abstract void disconnect();

    /** Whether a connection is open now. */
    public abstract boolean isConnected();

    /** Closes for good: nothing connects after this. */
    @Override
    public abstract void close();
}
