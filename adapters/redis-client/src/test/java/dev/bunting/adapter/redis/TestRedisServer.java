package dev.bunting.adapter.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A Redis server for tests, found once per JVM: the server named by {@value #URL_VARIABLE} if set, else an embedded one
 * (redis 6.2 binaries from embedded-redis) on a free port.
 */
public final class TestRedisServer {

    public static final String URL_VARIABLE = "BUNTING_TEST_REDIS_URL";

    private static String url;

    private TestRedisServer() {}

    /** The server's URL, starting an embedded one the first time if none is configured. */
    public static synchronized String url() {
        if (url == null) {
            url = findServer();
        }
        return url;
    }

    /**
     * The same server and namespace with a timeout of ten seconds rather than the default one. For tests that assert
     * what instances do together, not how fast: on a machine that other builds keep busy, a command can wait past one
     * second, and each such wait would look to them like Redis being away (a sign-in refused with 503, a write that
     * stops waiting for the other instances' confirmations). A stopped server still fails at once: nothing listens.
     */
    public static RedisSettings patient(RedisSettings settings) {
        String url = settings.url();
        return new RedisSettings(url + (url.contains("?") ? "&" : "?") + "timeout=10s", settings.namespace());
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
