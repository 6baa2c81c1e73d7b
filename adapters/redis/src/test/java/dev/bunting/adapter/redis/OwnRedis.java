package dev.bunting.adapter.redis;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * An embedded Redis of one test's own, which it may stop and start again on the same port, and whose command statistics
 * count only that test's commands. It starts empty each time unless it {@linkplain #persisting persists} its data.
 */
public final class OwnRedis implements AutoCloseable {

    private final int port = TestRedis.freePort();
    /** One connection for reading statistics, so that connecting adds no commands between two readings. */
    private final RedisClient adminClient = RedisClient.create(settings().url());

    private RedisCommands<String, String> admin;

    private final Path dataDirectory;
    private RedisServer server;

    public OwnRedis() {
        this(null);
    }

    private OwnRedis(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        start();
    }

    /** A server that writes every change to an append-only file in {@code dataDirectory}, and reads it when it starts. */
    public static OwnRedis persisting(Path dataDirectory) {
        return new OwnRedis(dataDirectory);
    }

    public RedisSettings settings() {
        return new RedisSettings("redis://127.0.0.1:" + port, "bunting-test:own:");
    }

    public void start() {
        if (dataDirectory == null) {
            server = TestRedis.startEmbedded(port);
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("appendfsync always")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates or changes a user, as the default user. */
    public void setUser(String name, AclSetuserArgs rules) {
        admin().aclSetuser(name, rules);
    }

    /** Calls so far per command, from INFO commandstats; the INFO calls that read them are left out. */
    public Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        for (String line : admin().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                String count = line.substring(
                        line.indexOf("calls=") + "calls=".length(), line.indexOf(',', line.indexOf("calls=")));
                calls.put(command, Long.parseLong(count));
            }
        }
        return calls;
    }

    /** The calls per command made since {@code before}. */
    public Map<String, Long> callsSince(Map<String, Long> before) {
        Map<String, Long> since = new HashMap<>();
        commandCalls().forEach((command, calls) -> {
            long made = calls - before.getOrDefault(command, 0L);
            if (made > 0) {
                since.put(command, made);
            }
        });
        return since;
    }

    @Override
    public void close() {
        adminClient.shutdown();
        stop();
    }

    /** Connects on first use, as the test server may be stopped and started again; Lettuce reconnects on its own. */
    private synchronized RedisCommands<String, String> admin() {
        if (admin == null) {
            admin = adminClient.connect().sync();
        }
        return admin;
    }
}
