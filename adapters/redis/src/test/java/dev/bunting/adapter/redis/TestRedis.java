package dev.bunting.adapter.redis;

import dev.bunting.domain.environment.EnvironmentKey;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import redis.embedded.RedisServer;

/**
 * The Redis server for tests ({@link TestRedisServer}), seen as the config cache and the sign-in throttle use it. Each
 * caller gets a namespace of its own on it, so test runs sharing one server never see each other's keys; callers delete
 * theirs when done.
 */
public final class TestRedis {

    private static final String NAMESPACE_PREFIX = "bunting-test:";

    /**
     * Shifts every score of a sorted set down by ARGV[1]: the sign-in throttle's failure times, moved into the past.
     */
    private static final String SHIFT_SCORES = """
            local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
            for i = 1, #entries, 2 do
              redis.call('ZADD', KEYS[1], tonumber(entries[i + 1]) - tonumber(ARGV[1]), entries[i])
            end
            return #entries / 2
            """;

    private static RedisCommands<String, String> admin;

    private TestRedis() {}

    /** Settings for the test server under a new, empty namespace. */
    public static RedisSettings freshNamespace() {
        return new RedisSettings(url(), NAMESPACE_PREFIX + UUID.randomUUID() + ":");
    }

    /** Deletes every key in the settings' namespace. */
    public static void deleteNamespace(RedisSettings settings) {
        List<String> keys = keys(settings.namespace() + "*");
        if (!keys.isEmpty()) {
            admin().del(keys.toArray(String[]::new));
        }
    }

    /** How many keys the namespace holds. */
    public static long keyCount(RedisSettings settings) {
        return keys(settings.namespace() + "*").size();
    }

    /** The time to live of a {@link RedisSignInThrottle}'s key; negative when it has none or does not exist. */
    public static Duration signInFailuresTimeToLive(RedisSettings settings, String key) {
        return Duration.ofMillis(admin().pttl(signInFailures(settings, key)));
    }

    /** How many failed sign-ins a {@link RedisSignInThrottle} holds for {@code key}. */
    public static long signInFailuresHeld(RedisSettings settings, String key) {
        return admin().zcard(signInFailures(settings, key));
    }

    /** The server's CLIENT LIST: one line per connected client, with its name. */
    public static String clientList() {
        return admin().clientList();
    }

    /**
     * Makes every failed sign-in the {@link RedisSignInThrottle}s of the settings' namespace have recorded look
     * {@code by} older, as if that much time had passed. For tests that run whole servers, whose clock they cannot move.
     */
    public static void ageSignInFailures(RedisSettings settings, Duration by) {
        for (String key : keys(signInFailures(settings, "*"))) {
            admin().eval(SHIFT_SCORES, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(by.toMillis()));
        }
    }

    private static List<String> keys(String pattern) {
        RedisCommands<String, String> commands = admin();
        ScanArgs matching = ScanArgs.Builder.matches(pattern).limit(500);
        KeyScanCursor<String> cursor = commands.scan(matching);
        List<String> keys = new ArrayList<>(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = commands.scan(ScanCursor.of(cursor.getCursor()), matching);
            keys.addAll(cursor.getKeys());
        }
        return keys;
    }

    private static String signInFailures(RedisSettings settings, String key) {
        return settings.namespace() + RedisSignInThrottle.KEY_PREFIX + key;
    }

    /** How many instances the settings' server has subscribed to the config invalidations of the settings' namespace. */
    public static long configSubscribers(RedisSettings settings) {
        String channel = names(settings).invalidationChannel();
        return onServer(settings, commands -> commands.pubsubNumsub(channel).getOrDefault(channel, 0L));
    }

    /** Whether the settings' server holds a {@link RedisConfigCache} snapshot of {@code environment}'s configs. */
    public static boolean holdsConfigSnapshot(RedisSettings settings, String environment) {
        String key = names(settings).snapshotKey(new EnvironmentKey(environment));
        return onServer(settings, commands -> commands.exists(key) == 1);
    }

    private static <T> T onServer(RedisSettings settings, Function<RedisCommands<String, String>, T> question) {
        RedisClient client = RedisClient.create(settings.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return question.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** The shared configs' key and channel names in the settings' namespace; it makes no calls. */
    private static SharedConfigs names(RedisSettings settings) {
        return new SharedConfigs(new RedisCalls(settings) {
            @Override
            protected List<String> evalStrings(String script, String[] keys, String... arguments) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected long evalInteger(String script, String[] keys, String... arguments) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected void publish(String channel, String message) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected void ping() {
                throw new UnsupportedOperationException();
            }

            @Override
            protected List<Double> scoresAbove(String key, long exclusiveMinimum) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected void delete(String key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void disconnect() {}

            @Override
            public boolean isConnected() {
                return false;
            }

            @Override
            public void close() {}
        });
    }

    /** Settings naming a local port that nothing listens on (at the time of asking). */
    public static RedisSettings nowhere() {
        return new RedisSettings("redis://:not-a-real-password@127.0.0.1:" + freePort(), NAMESPACE_PREFIX + "nowhere:");
    }

    /** A new embedded server of the caller's own, on {@code port}, for tests that stop and start it; persists nothing. */
    public static RedisServer startEmbedded(int port) {
        return TestRedisServer.startEmbedded(port);
    }

    public static int freePort() {
        return TestRedisServer.freePort();
    }

    private static String url() {
        return TestRedisServer.url();
    }

    private static synchronized RedisCommands<String, String> admin() {
        if (admin == null) {
            RedisClient client = RedisClient.create(url());
            Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown));
            admin = client.connect().sync();
        }
        return admin;
    }
}
