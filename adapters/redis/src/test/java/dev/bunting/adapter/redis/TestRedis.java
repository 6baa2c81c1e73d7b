package dev.bunting.adapter.redis;

import dev.bunting.domain.environment.EnvironmentKey;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * A Redis server for tests, found once per JVM: the server named by {@value #URL_VARIABLE} if set, else an embedded one
 * (redis 6.2 binaries from embedded-redis) on a free port. Each caller gets a namespace of its own on it, so test runs
 * sharing one server never see each other's keys; callers delete theirs when done.
 */
public final class TestRedis {

    public static final String URL_VARIABLE = "BUNTING_TEST_REDIS_URL";

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

    private static String url;
    private static RedisConnection admin;

    private TestRedis() {}

    /** Settings for the test server under a new, empty namespace. */
    public static RedisSettings freshNamespace() {
        return new RedisSettings(url(), NAMESPACE_PREFIX + UUID.randomUUID() + ":");
    }

    /** Deletes every key in the settings' namespace. */
    public static void deleteNamespace(RedisSettings settings) {
        List<String> keys = keys(settings.namespace() + "*");
        if (!keys.isEmpty()) {
            admin().commands().del(keys.toArray(String[]::new));
        }
    }

    /** How many keys the namespace holds. */
    public static long keyCount(RedisSettings settings) {
        return keys(settings.namespace() + "*").size();
    }

    /** The time to live of a {@link RedisSignInThrottle}'s key; negative when it has none or does not exist. */
    public static Duration signInFailuresTimeToLive(RedisSettings settings, String key) {
        return Duration.ofMillis(admin().commands().pttl(signInFailures(settings, key)));
    }

    /** How many failed sign-ins a {@link RedisSignInThrottle} holds for {@code key}. */
    public static long signInFailuresHeld(RedisSettings settings, String key) {
        return admin().commands().zcard(signInFailures(settings, key));
    }

    /** The server's CLIENT LIST: one line per connected client, with its name. */
    public static String clientList() {
        return admin().commands().clientList();
    }

    /**
     * Makes every failed sign-in the {@link RedisSignInThrottle}s of the settings' namespace have recorded look
     * {@code by} older, as if that much time had passed. For tests that run whole servers, whose clock they cannot move.
     */
    public static void ageSignInFailures(RedisSettings settings, Duration by) {
        for (String key : keys(signInFailures(settings, "*"))) {
            admin().commands()
                    .eval(SHIFT_SCORES, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(by.toMillis()));
        }
    }

    private static List<String> keys(String pattern) {
        RedisCommands<String, String> commands = admin().commands();
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
        try (RedisConnection connection = new RedisConnection(settings)) {
            String channel = new SharedConfigs(connection).invalidationChannel();
            return connection.commands().pubsubNumsub(channel).getOrDefault(channel, 0L);
        }
    }

    /** Whether the settings' server holds a {@link RedisConfigCache} snapshot of {@code environment}'s configs. */
    public static boolean holdsConfigSnapshot(RedisSettings settings, String environment) {
        try (RedisConnection connection = new RedisConnection(settings)) {
            return connection
                            .commands()
                            .exists(new SharedConfigs(connection).snapshotKey(new EnvironmentKey(environment)))
                    == 1;
        }
    }

    /** Settings naming a local port that nothing listens on (at the time of asking). */
    public static RedisSettings nowhere() {
        return new RedisSettings("redis://:not-a-real-password@127.0.0.1:" + freePort(), NAMESPACE_PREFIX + "nowhere:");
    }

    /** A new embedded server of the caller's own, on {@code port}, for tests that stop and start it; persists nothing. */
    public static RedisServer startEmbedded(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded Redis on port " + port, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized String url() {
        if (url == null) {
            url = findServer();
        }
        return url;
    }

    private static synchronized RedisConnection admin() {
        if (admin == null) {
            RedisConnection connection = new RedisConnection(new RedisSettings(url(), NAMESPACE_PREFIX));
            Runtime.getRuntime().addShutdownHook(new Thread(connection::close));
            admin = connection;
        }
        return admin;
    }

    private static String findServer() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            System.out.println(
                    "TestRedis: using the server in " + URL_VARIABLE + ": " + RedisSettings.parse(configured));
            return configured.strip();
        }
        int port = freePort();
        RedisServer embedded = startEmbedded(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(embedded)));
        System.out.println("TestRedis: using an embedded Redis at 127.0.0.1:" + port);
        return "redis://127.0.0.1:" + port;
    }

    private static void stopQuietly(RedisServer server) {
        try {
            server.stop();
        } catch (IOException e) {
            System.err.println("TestRedis: could not stop the embedded Redis: " + e.getMessage());
        }
    }
}
