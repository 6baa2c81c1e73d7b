package dev.bunting.adapter.redis;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.redis.lettuce.LettuceConnection;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.port.ConfigCache;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Redis config cache as long-running instances use it: subscribed to invalidations, trusting copies meanwhile. */
class RedisSubscribedConfigCacheIT extends SharedConfigCacheTests {

    @Override
    RedisConfigCache newCache(RedisCalls connection, Clock clock, Duration timeToLive, int capacity) {
        return RedisConfigCache.subscribed(
                connection, (LettuceConnection) connection, EVALUATOR, clock, timeToLive, capacity);
    }

    @Override
    RedisCalls newConnection(RedisSettings redis) {
        return new LettuceConnection(redis);
    }

    @Test
    void listeners_hear_of_another_instances_invalidations() throws InterruptedException {
        RedisConfigCache writer = instance();
        RedisConfigCache reader = instance();
        List<Optional<EnvironmentKey>> heard = new CopyOnWriteArrayList<>();
        reader.subscribe(heard::add);

        writer.invalidate(PRODUCTION);
        writer.invalidateAll();

        // the reader dropped its copies before the writer returned; its listeners are told just after
        awaitSize(heard, 2);
        assertThat(heard).containsExactly(Optional.of(PRODUCTION), Optional.empty());
    }

    /**
     * A listener that came before the first subscription (a stream that read its version from the store while the
     * subscription was still connecting) misses what other instances invalidated meanwhile, so it is told, once the
     * subscription listens, that anything may have changed.
     */
    @Test
    void listeners_that_came_before_the_first_subscription_are_told_anything_may_have_changed()
            throws InterruptedException {
        RedisConfigCache writer = instance();
        RedisConfigCache reader = newCache(connect(settings), Clock.systemUTC(), TIME_TO_LIVE, CAPACITY);
        List<Optional<EnvironmentKey>> heard = new CopyOnWriteArrayList<>();
        reader.subscribe(heard::add);
        writer.invalidate(PRODUCTION);

        // the first use starts the subscription
        assertThat(reader.sharing()).isEqualTo(ConfigCache.Sharing.SHARED);

        awaitSize(heard, 1);
        assertThat(heard).containsExactly(Optional.empty());
    }

    /**
     * A write whose announcement Redis refuses, while the writer's subscription stays up, is announced by the writer's
     * next heartbeat once Redis accepts it. Redis refuses here by its access list: the writer's user loses, then
     * regains, the right to run scripts.
     */
    @Test
    void a_write_redis_refused_to_announce_is_announced_within_a_heartbeat_of_it_accepting()
            throws InterruptedException {
        try (OwnRedis redis = new OwnRedis()) {
            redis.setUser(
                    "writer",
                    AclSetuserArgs.Builder.on()
                            .addPassword("writer-password")
                            .allKeys()
                            .allChannels()
                            .allCommands());
            RedisSettings asWriter = new RedisSettings(
                    "redis://writer:writer-password@127.0.0.1:"
                            + redis.settings().endpoint().port(),
                    redis.settings().namespace());
            RedisConfigCache writer = instance(asWriter, Clock.systemUTC(), TIME_TO_LIVE);
            RedisConfigCache reader = instance(redis.settings(), Clock.systemUTC(), TIME_TO_LIVE);
            List<Optional<EnvironmentKey>> heard = new CopyOnWriteArrayList<>();
            reader.subscribe(heard::add);

            redis.setUser("writer", AclSetuserArgs.Builder.removeCommand(CommandType.EVAL));
            writer.invalidate(PRODUCTION);
            Thread.sleep(1_500);
            assertThat(heard).as("while Redis refuses the writer's scripts").isEmpty();
            redis.setUser("writer", AclSetuserArgs.Builder.addCommand(CommandType.EVAL));

            awaitSize(heard, 1);
            assertThat(heard).containsExactly(Optional.of(PRODUCTION));
        }
    }

    /** Evaluating from memory is the point of subscribing: Undertow serves evaluations on its I/O threads. */
    @Test
    void a_hit_asks_nothing_of_redis() {
        try (OwnRedis redis = new OwnRedis()) {
            RedisConfigCache cache = instance(redis.settings(), Clock.systemUTC(), TIME_TO_LIVE);
            Store store = new Store();
            cache.get(PRODUCTION, store.loader("cache"));
            Map<String, Long> before = redis.commandCalls();

            for (int i = 0; i < 100; i++) {
                cache.get(PRODUCTION, store.loader("cache"));
            }

            assertThat(redis.callsSince(before))
                    .as("commands Redis received for 100 hits")
                    .isEmpty();
            assertThat(store.loads).hasSize(1);
        }
    }

    /** The subscription pings Redis while nothing arrives, to notice a connection gone silent; that alone keeps it up. */
    @Test
    void an_idle_subscription_is_pinged_and_stays_up() throws InterruptedException {
        try (OwnRedis redis = new OwnRedis()) {
            RedisConfigCache cache = instance(redis.settings(), Clock.systemUTC(), TIME_TO_LIVE);
            Store store = new Store();
            cache.get(PRODUCTION, store.loader("cache"));
            Map<String, Long> before = redis.commandCalls();

            Thread.sleep(2_500);

            assertThat(redis.callsSince(before).getOrDefault("ping", 0L)).isGreaterThanOrEqualTo(2);
            assertThat(cache.sharing()).isEqualTo(ConfigCache.Sharing.SHARED);
            cache.get(PRODUCTION, store.loader("cache"));
            assertThat(store.loads).hasSize(1);
        }
    }

    @Test
    void nothing_connects_or_starts_until_the_first_use() {
        RedisSettings named = new RedisSettings(
                settings.url() + "?clientName=" + settings.namespace().replace(':', '-') + "lazy",
                settings.namespace());
        String clientName = "name=" + settings.namespace().replace(':', '-') + "lazy";
        Set<Thread> before = subscriptionThreads();

        RedisConfigCache cache = newCache(connect(named), Clock.systemUTC(), TIME_TO_LIVE, CAPACITY);

        assertThat(TestRedis.clientList()).doesNotContain(clientName);
        assertThat(subscriptionThreads()).isSubsetOf(before);
        assertThat(cache.sharing()).isEqualTo(ConfigCache.Sharing.SHARED);
        assertThat(TestRedis.clientList()).contains(clientName);
        assertThat(subscriptionThreads()).isNotEmpty().isNotEqualTo(before);
    }

    private static Set<Thread> subscriptionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("bunting-config-invalidations") && thread.isAlive())
                .collect(Collectors.toSet());
    }

    /**
     * Redis stops: every get loads from the store, writes still succeed and their listeners hear of them, and health
     * says degraded. Redis starts again, empty: the subscription comes back by itself, copies are trusted again, and
     * listeners are told that anything may have changed meanwhile.
     */
    @Test
    void while_redis_is_down_every_get_loads_and_when_it_is_back_caching_resumes_without_a_restart()
            throws InterruptedException {
        try (OwnRedis redis = new OwnRedis()) {
            RedisConfigCache cache = instance(redis.settings(), Clock.systemUTC(), TIME_TO_LIVE);
            Store store = new Store();
            List<Optional<EnvironmentKey>> heard = new CopyOnWriteArrayList<>();
            cache.subscribe(heard::add);
            cache.get(PRODUCTION, store.loader("up"));

            redis.stop();
            awaitSharing(cache, ConfigCache.Sharing.DEGRADED);
            for (int i = 0; i < 5; i++) {
                storeVersion.incrementAndGet();
                assertThat(configVersion(cache.get(PRODUCTION, store.loader("down"))))
                        .isEqualTo(storeVersion.get());
            }
            cache.invalidate(PRODUCTION);
            assertThat(heard).containsExactly(Optional.of(PRODUCTION));

            redis.start();
            awaitSharing(cache, ConfigCache.Sharing.SHARED);
            cache.get(PRODUCTION, store.loader("back"));
            cache.get(PRODUCTION, store.loader("back"));

            assertThat(store.loads).containsExactly("up", "down", "down", "down", "down", "down", "back");
            assertThat(heard).containsExactly(Optional.of(PRODUCTION), Optional.empty());
        }
    }

    private static void awaitSharing(ConfigCache cache, ConfigCache.Sharing expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.sharing() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cache.sharing()).isEqualTo(expected);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
