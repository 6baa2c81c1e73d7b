package dev.bunting.adapter.redis;

import java.time.Duration;
import java.util.List;

/**
 * The calls Bunting makes on Redis, whichever client makes them: {@link RedisConnection} (Lettuce), which can also
 * subscribe and so serves long-running processes, or {@link JedisConnection}, which starts in a fraction of the time
 * and serves Lambda functions. Both open nothing until the first call, and fail with {@link RedisUnavailableException}.
 */
public abstract sealed class RedisCalls implements AutoCloseable permits RedisConnection, JedisConnection {

    private final RedisSettings settings;

    RedisCalls(RedisSettings settings) {
        this.settings = settings;
    }

    /** {@code name} under this installation's namespace. */
    final String key(String name) {
        return settings.namespace() + name;
    }

    /** How long a command, or connecting, may take before it fails. */
    final Duration timeout() {
        return settings.timeout();
    }

    final RedisSettings settings() {
        return settings;
    }

    /** Runs a script that answers an array of bulk strings; Redis's nil is null. */
    abstract List<String> evalStrings(String script, String[] keys, String... arguments);

    /** Runs a script that answers an integer. */
    abstract long evalInteger(String script, String[] keys, String... arguments);

    abstract void publish(String channel, String message);

    abstract void ping();

    /** The scores of a sorted set's members scored above {@code exclusiveMinimum}, lowest first. */
    abstract List<Double> scoresAbove(String key, long exclusiveMinimum);

    abstract void delete(String key);

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
