package dev.bunting.adapter.redis;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.Flags;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.ConfigCacheContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The config cache contract on Redis in one way of keeping fresh, and what only a shared cache promises, in either: what
 * one instance loads, the others are served without loading; what one writes, the others see at once.
 *
 * <p>Each test runs in a namespace of its own on the test server; several instances are several caches with
 * connections of their own, over a "store" that the test changes by hand.
 */
abstract class SharedConfigCacheTests extends ConfigCacheContract {

    static final Evaluator EVALUATOR = new Evaluator(data -> 0, pattern -> input -> false);
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);
    /** Enough to land in the short windows of a write on a 2-core machine, often enough to notice. */
    private static final int SPINNING_READERS = 3;

    final RedisSettings settings = TestRedis.freshNamespace();
    private final List<RedisCalls> connections = new ArrayList<>();
    /** The "store": every write raises the config version of the one flag each environment has. */
    final AtomicLong storeVersion = new AtomicLong(1);

    /** How many environments the caches of this suite's own tests hold: more than any of them uses. */
    static final int CAPACITY = 64;

    /** A cache over {@code connection}, kept fresh as the suite tests. */
    abstract RedisConfigCache newCache(RedisCalls connection, Clock clock, Duration timeToLive, int capacity);

    @Override
    protected ConfigCache newCache(Clock clock, Duration timeToLive, int capacity) {
        return instance(settings, clock, timeToLive, capacity);
    }

    /** Another instance on the test server, in this test's namespace: ready, and subscribed if it subscribes. */
    RedisConfigCache instance() {
        return instance(settings, Clock.systemUTC(), TIME_TO_LIVE);
    }

    /** Waits until the cache is ready; the first connection a JVM makes to Redis can take longer than the timeout. */
    RedisConfigCache instance(RedisSettings redis, Clock clock, Duration timeToLive) {
        return instance(redis, clock, timeToLive, CAPACITY);
    }

    private RedisConfigCache instance(RedisSettings redis, Clock clock, Duration timeToLive, int capacity) {
        RedisConfigCache cache = newCache(connect(redis), clock, timeToLive, capacity);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.sharing() != ConfigCache.Sharing.SHARED && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(cache.sharing()).isEqualTo(ConfigCache.Sharing.SHARED);
        return cache;
    }

    RedisCalls connect(RedisSettings redis) {
        RedisCalls connection = newConnection(redis);
        connections.add(connection);
        return connection;
    }

    /** A connection of the client the suite runs on. */
    abstract RedisCalls newConnection(RedisSettings redis);

    @AfterEach
    void closeConnections() {
        connections.forEach(RedisCalls::close);
        TestRedis.deleteNamespace(settings);
    }

    @Test
    void another_instance_is_served_what_one_loaded_without_loading_itself() {
        RedisConfigCache first = instance();
        RedisConfigCache second = instance();
        Store store = new Store();

        PreparedEnvironment loaded = first.get(PRODUCTION, store.loader("first"));
        PreparedEnvironment served = second.get(PRODUCTION, store.loader("second"));

        assertThat(store.loads).containsExactly("first");
        assertThat(served.version()).isEqualTo(loaded.version());
        assertThat(served.states()).isEqualTo(loaded.states());
        assertThat(served.definition()).isEqualTo(loaded.definition());
    }

    /** The strict promise: no waiting, no retrying; the very next get after the write returns sees it. */
    @Test
    void a_write_on_one_instance_shows_in_the_very_next_get_on_another() {
        RedisConfigCache writer = instance();
        RedisConfigCache reader = instance();
        Store store = new Store();
        reader.get(PRODUCTION, store.loader("reader"));

        for (int round = 0; round < 100; round++) {
            storeVersion.incrementAndGet();
            writer.invalidate(PRODUCTION);

            PreparedEnvironment read = reader.get(PRODUCTION, store.loader("reader"));
            assertThat(configVersion(read)).as("round %d", round).isEqualTo(storeVersion.get());
        }
    }

    /**
     * Between forgetting its copy and replacing the versions in Redis, the writing instance may fetch the snapshot from
     * before its write and cache it again; its invalidation must not return with that copy in place, nor let one be
     * seen afterwards. Gets spin on other threads to land in those windows.
     */
    @Test
    void the_writing_instance_does_not_keep_a_copy_from_before_its_write() throws Exception {
        RedisConfigCache writer = instance();
        Store store = new Store();
        writer.get(PRODUCTION, store.loader("writer"));
        AtomicBoolean spinning = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(SPINNING_READERS);
        try {
            List<Future<?>> gets = new ArrayList<>();
            for (int i = 0; i < SPINNING_READERS; i++) {
                gets.add(readers.submit(() -> {
                    while (spinning.get()) {
                        writer.get(PRODUCTION, store.loader("writer"));
                    }
                }));
            }
            for (int round = 0; round < 300; round++) {
                storeVersion.incrementAndGet();
                writer.invalidate(PRODUCTION);

                assertThat(configVersion(writer.get(PRODUCTION, store.loader("writer"))))
                        .as("round %d", round)
                        .isEqualTo(storeVersion.get());
            }
            spinning.set(false);
            for (Future<?> get : gets) {
                get.get(5, TimeUnit.SECONDS);
            }
        } finally {
            spinning.set(false);
            readers.shutdownNow();
        }
    }

    @Test
    void invalidating_everything_on_one_instance_reaches_every_environment_on_another() {
        RedisConfigCache writer = instance();
        RedisConfigCache reader = instance();
        Store store = new Store();
        reader.get(PRODUCTION, store.loader("reader"));
        reader.get(STAGING, store.loader("reader"));

        storeVersion.incrementAndGet();
        writer.invalidateAll();

        assertThat(configVersion(reader.get(PRODUCTION, store.loader("reader"))))
                .isEqualTo(storeVersion.get());
        assertThat(configVersion(reader.get(STAGING, store.loader("reader")))).isEqualTo(storeVersion.get());
    }

    /**
     * A load that read the store before a write committed must not be served, from Redis, to a get that starts after the
     * write: the snapshot carries the versions read before the load, which the write has replaced.
     */
    @Test
    void a_load_that_a_write_overtook_is_not_served_as_current() {
        RedisConfigCache slow = instance();
        RedisConfigCache writer = instance();
        RedisConfigCache later = instance();
        Store store = new Store();

        PreparedEnvironment old = slow.get(PRODUCTION, environment -> {
            PreparedEnvironment readBeforeTheWrite = store.loader("slow").apply(environment);
            storeVersion.incrementAndGet();
            writer.invalidate(PRODUCTION);
            return readBeforeTheWrite;
        });

        assertThat(configVersion(old)).isEqualTo(1);
        assertThat(configVersion(later.get(PRODUCTION, store.loader("later")))).isEqualTo(2);
        assertThat(configVersion(slow.get(PRODUCTION, store.loader("slow")))).isEqualTo(2);
        assertThat(store.loads).containsExactly("slow", "later");
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cache", e);
        }
    }

    /** The flag's config version in a prepared environment of {@link Store}'s. */
    static long configVersion(PreparedEnvironment prepared) {
        return prepared.states().getFirst().config().version();
    }

    /** Loads each environment with one flag at the current store version, recording who loaded. */
    final class Store {
        final List<String> loads = new CopyOnWriteArrayList<>();

        Function<EnvironmentKey, PreparedEnvironment> loader(String instance) {
            return environment -> {
                loads.add(instance);
                Flag flag = Flags.aBooleanFlag("dark-mode").build();
                FlagConfig config = FlagConfig.initialFor(flag).withEnabled(storeVersion.get() % 2 == 0);
                EnvironmentConfig current =
                        new EnvironmentConfig(flag.key(), environment, config, storeVersion.get(), Instant.EPOCH);
                return PreparedEnvironment.prepare(
                        new Environment(environment, environment.value(), false, true, Instant.EPOCH),
                        List.of(new FlagState(flag, current)),
                        EVALUATOR);
            };
        }
    }
}
