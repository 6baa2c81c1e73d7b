package dev.bunting.adapter.redis;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.MutableClock;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.port.ConfigCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis config cache as Lambda uses it: no subscription, the versions checked on every get. Each client module runs
 * it on its connection.
 */
abstract class RedisCheckedConfigCacheIT extends SharedConfigCacheTests {

    @Override
    RedisConfigCache newCache(RedisCalls connection, Clock clock, Duration timeToLive, int capacity) {
        return RedisConfigCache.checkingEachGet(connection, EVALUATOR, clock, timeToLive, capacity);
    }

    /** What a Lambda evaluation costs in Redis once its environment is cached: one script. */
    @Test
    void a_hit_is_one_round_trip() {
        try (OwnRedis redis = new OwnRedis()) {
            RedisConfigCache cache = instance(redis.settings(), Clock.systemUTC(), TIME_TO_LIVE);
            Store store = new Store();
            cache.get(PRODUCTION, store.loader("cache"));
            Map<String, Long> before = redis.commandCalls();

            for (int i = 0; i < 100; i++) {
                cache.get(PRODUCTION, store.loader("cache"));
            }

            // Redis counts the commands a script runs as well as the script; each script is one round trip
            Map<String, Long> commands = redis.callsSince(before);
            assertThat(commands.get("eval"))
                    .as("scripts Redis ran for 100 hits")
                    .isEqualTo(100);
            assertThat(commands.keySet())
                    .as("commands Redis received for 100 hits, in scripts or not")
                    .containsOnly("eval", "get");
            assertThat(store.loads).hasSize(1);
        }
    }

    /** A checking cache learns of other instances' writes when it next checks, and its listeners with it. */
    @Test
    void listeners_hear_of_another_instances_invalidations_at_the_next_get() {
        RedisConfigCache writer = instance();
        RedisConfigCache reader = instance();
        Store store = new Store();
        List<Optional<EnvironmentKey>> heard = new CopyOnWriteArrayList<>();
        reader.subscribe(heard::add);
        reader.get(PRODUCTION, store.loader("reader"));

        writer.invalidate(PRODUCTION);
        reader.get(PRODUCTION, store.loader("reader"));
        writer.invalidateAll();
        reader.get(PRODUCTION, store.loader("reader"));

        assertThat(heard).containsExactly(Optional.of(PRODUCTION), Optional.empty());
    }

    @Test
    void nothing_connects_until_the_first_use() {
        RedisSettings named = new RedisSettings(
                settings.url() + "?clientName=" + settings.namespace().replace(':', '-') + "lazy",
                settings.namespace());
        RedisConfigCache cache = newCache(connect(named), Clock.systemUTC(), TIME_TO_LIVE, CAPACITY);
        String clientName = "name=" + settings.namespace().replace(':', '-') + "lazy";

        assertThat(TestRedis.clientList()).doesNotContain(clientName);
        cache.get(PRODUCTION, new Store().loader("cache"));
        assertThat(TestRedis.clientList()).contains(clientName);
    }

    /**
     * Redis stops: every get loads from the store, and a write made meanwhile still succeeds. Redis starts again: once
     * the second's rest after the last failure is over, caching resumes without a restart.
     */
    @Test
    void while_redis_is_down_every_get_loads_and_when_it_is_back_caching_resumes_without_a_restart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (OwnRedis redis = new OwnRedis()) {
            RedisConfigCache cache = instance(redis.settings(), clock, TIME_TO_LIVE);
            Store store = new Store();
            cache.get(PRODUCTION, store.loader("up"));

            redis.stop();
            for (int i = 0; i < 5; i++) {
                storeVersion.incrementAndGet();
                assertThat(configVersion(cache.get(PRODUCTION, store.loader("down"))))
                        .isEqualTo(storeVersion.get());
            }
            cache.invalidate(PRODUCTION);
            assertThat(cache.sharing()).isEqualTo(ConfigCache.Sharing.DEGRADED);

            redis.start();
            clock.advance(RedisOutage.REST);
            cache.get(PRODUCTION, store.loader("back"));
            cache.get(PRODUCTION, store.loader("back"));

            assertThat(store.loads).containsExactly("up", "down", "down", "down", "down", "down", "back");
            assertThat(cache.sharing()).isEqualTo(ConfigCache.Sharing.SHARED);
        }
    }

    /**
     * A Redis that keeps its data across an outage still holds the versions from before it, which say nothing of a
     * write made meanwhile: the writer announces it once Redis answers again, so an instance that was idle throughout
     * does not keep serving what it cached before.
     */
    @Test
    void a_write_made_while_redis_was_unreachable_is_announced_once_it_answers(@TempDir Path dataDirectory) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (OwnRedis redis = OwnRedis.persisting(dataDirectory)) {
            RedisConfigCache writer = instance(redis.settings(), clock, TIME_TO_LIVE);
            RedisConfigCache idle = instance(redis.settings(), clock, TIME_TO_LIVE);
            Store store = new Store();
            idle.get(PRODUCTION, store.loader("idle"));

            redis.stop();
            storeVersion.incrementAndGet();
            writer.invalidate(PRODUCTION);
            redis.start();
            clock.advance(RedisOutage.REST);
            writer.get(EnvironmentKey.STAGING, store.loader("writer"));

            assertThat(configVersion(idle.get(PRODUCTION, store.loader("idle"))))
                    .isEqualTo(2);
        }
    }

    @Test
    void an_unreachable_redis_is_warned_of_once_a_minute_and_its_return_once() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(RedisConfigCache.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try (OwnRedis redis = new OwnRedis()) {
            RedisConfigCache cache = newCache(connect(redis.settings()), clock, TIME_TO_LIVE, CAPACITY);
            redis.stop();
            for (int second = 0; second < 59; second++) {
                cache.get(PRODUCTION, new Store().loader("down"));
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.WARNING);
            assertThat(logged.getFirst().getMessage())
                    .contains("Redis cannot be reached")
                    .doesNotContain("password");

            clock.advance(Duration.ofSeconds(1));
            cache.get(PRODUCTION, new Store().loader("down"));
            redis.start();
            clock.advance(RedisOutage.REST);
            cache.get(PRODUCTION, new Store().loader("back"));
            cache.get(PRODUCTION, new Store().loader("back"));

            assertThat(logged)
                    .extracting(LogRecord::getLevel)
                    .containsExactly(Level.WARNING, Level.WARNING, Level.INFO);
        } finally {
            logger.removeHandler(capture);
        }
    }
}
