package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.MutableClock;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The definition of {@link ConfigCache}. Every cache adapter extends this suite.
 * <p>
 * Time comes only from the clock the cache is built with, which the suite moves by hand.
 */
public abstract class ConfigCacheContract {

    private static final Evaluator EVALUATOR = new Evaluator(data -> 0, pattern -> input -> false);
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);
    private static final int CAPACITY = 4;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private ConfigCache cache;
    private final CountingLoader loader = new CountingLoader();

    /**
     * @return an empty cache, ready for use, reading the time from {@code clock} and holding at most {@code capacity}
     *     environments
     */
    protected abstract ConfigCache newCache(Clock clock, Duration timeToLive, int capacity);

    @BeforeEach
    void openCache() {
        cache = newCache(clock, TIME_TO_LIVE, CAPACITY);
    }

    @Test
    void a_miss_loads_the_environment_and_returns_what_was_loaded() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);

        assertThat(production.environment()).isEqualTo(PRODUCTION);
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    @Test
    void a_hit_returns_the_cached_environment_without_loading() {
        PreparedEnvironment first = cache.get(PRODUCTION, loader);

        PreparedEnvironment second = cache.get(PRODUCTION, loader);

        assertThat(second).isSameAs(first);
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    @Test
    void what_a_loader_throws_reaches_the_caller_and_nothing_is_cached() {
        StoreUnavailableException unavailable = new StoreUnavailableException("the store is down", null);

        assertThatThrownBy(() -> cache.get(PRODUCTION, environment -> {
                    throw unavailable;
                }))
                .isSameAs(unavailable);

        assertThat(cache.get(PRODUCTION, loader).environment()).isEqualTo(PRODUCTION);
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    @Test
    void each_environment_is_cached_on_its_own() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);
        PreparedEnvironment staging = cache.get(STAGING, loader);

        assertThat(staging).isNotSameAs(production);
        assertThat(cache.get(PRODUCTION, loader)).isSameAs(production);
        assertThat(cache.get(STAGING, loader)).isSameAs(staging);
        assertThat(loader.loaded).containsExactly(PRODUCTION, STAGING);
    }

    @Test
    void invalidating_an_environment_reloads_that_environment_only() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);
        PreparedEnvironment staging = cache.get(STAGING, loader);

        cache.invalidate(PRODUCTION);

        assertThat(cache.get(PRODUCTION, loader)).isNotSameAs(production);
        assertThat(cache.get(STAGING, loader)).isSameAs(staging);
        assertThat(loader.loaded).containsExactly(PRODUCTION, STAGING, PRODUCTION);
    }

    @Test
    void invalidating_everything_reloads_every_environment() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);
        PreparedEnvironment staging = cache.get(STAGING, loader);

        cache.invalidateAll();

        assertThat(cache.get(PRODUCTION, loader)).isNotSameAs(production);
        assertThat(cache.get(STAGING, loader)).isNotSameAs(staging);
        assertThat(loader.loaded).containsExactly(PRODUCTION, STAGING, PRODUCTION, STAGING);
    }

    @Test
    void subscribers_hear_of_every_invalidation_after_the_cache_has_forgotten() {
        List<String> heard = new ArrayList<>();
        cache.get(PRODUCTION, loader);
        cache.subscribe(environment -> {
            cache.get(PRODUCTION, loader);
            heard.add(environment.map(EnvironmentKey::value).orElse("*"));
        });

        cache.invalidate(PRODUCTION);
        cache.invalidate(new EnvironmentKey("never-loaded"));
        cache.invalidateAll();

        assertThat(heard).containsExactly("production", "never-loaded", "*");
        assertThat(loader.loaded)
                .as("each notice came after the cached copy was gone")
                .containsExactly(PRODUCTION, PRODUCTION, PRODUCTION);
    }

    @Test
    void an_environment_is_loaded_again_once_its_time_to_live_has_passed() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);

        clock.advance(TIME_TO_LIVE.minusMillis(1));
        assertThat(cache.get(PRODUCTION, loader))
                .as("just within its time to live")
                .isSameAs(production);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get(PRODUCTION, loader)).as("once it has passed").isNotSameAs(production);

        assertThat(loader.loaded).containsExactly(PRODUCTION, PRODUCTION);
    }

    /** Creating the environment must take effect at once, which a remembered absence would prevent. */
    @Test
    void an_environment_the_loader_does_not_find_is_not_cached() {
        List<EnvironmentKey> asked = new ArrayList<>();
        Function<EnvironmentKey, PreparedEnvironment> missing = environment -> {
            asked.add(environment);
            return null;
        };

        assertThat(cache.get(PRODUCTION, missing)).isNull();
        assertThat(cache.get(PRODUCTION, missing)).isNull();

        assertThat(asked).containsExactly(PRODUCTION, PRODUCTION);
        assertThat(cache.get(PRODUCTION, loader)).isNotNull();
    }

    /**
     * A load that began before a write committed may have read the old configs; the write's invalidation, arriving while
     * that load is still running, must win, or the old configs would stay cached after the write.
     */
    @Test
    void an_invalidation_during_a_load_is_not_undone_when_the_load_finishes() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        Function<EnvironmentKey, PreparedEnvironment> slow = environment -> {
            loading.countDown();
            try {
                // a cache that holds its entry locked while loading makes the invalidation wait for the load instead
                invalidated.await(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return loader.apply(environment);
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<PreparedEnvironment> load = thread.submit(() -> cache.get(PRODUCTION, slow));
            assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

            cache.invalidate(PRODUCTION);
            invalidated.countDown();
            PreparedEnvironment loadedBefore = load.get(5, TimeUnit.SECONDS);

            assertThat(cache.get(PRODUCTION, loader)).isNotSameAs(loadedBefore);
            assertThat(loader.loaded).containsExactly(PRODUCTION, PRODUCTION);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void past_its_capacity_it_holds_no_more_environments_and_each_still_answers_as_itself() {
        List<EnvironmentKey> environments = environments("env-", CAPACITY * 3);
        Map<EnvironmentKey, PreparedEnvironment> first = new HashMap<>();
        environments.forEach(environment -> first.put(environment, cache.get(environment, loader)));

        List<EnvironmentKey> stillHeld = new ArrayList<>();
        for (EnvironmentKey environment : environments) {
            PreparedEnvironment again = cache.get(environment, loader);
            assertThat(again.environment()).isEqualTo(environment);
            if (again == first.get(environment)) {
                stillHeld.add(environment);
            }
        }

        assertThat(cache.capacity()).isEqualTo(CAPACITY);
        assertThat(stillHeld).hasSizeLessThanOrEqualTo(CAPACITY);
    }

    @Test
    void an_environment_asked_for_often_stays_while_others_come_and_go() {
        environments("warm-", CAPACITY - 1).forEach(environment -> cache.get(environment, loader));
        PreparedEnvironment production = cache.get(PRODUCTION, loader);
        for (int i = 0; i < 20; i++) {
            cache.get(PRODUCTION, loader);
        }

        environments("passing-", CAPACITY * 3).forEach(environment -> cache.get(environment, loader));

        assertThat(cache.get(PRODUCTION, loader)).isSameAs(production);
    }

    private static List<EnvironmentKey> environments(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> new EnvironmentKey(prefix + n))
                .toList();
    }

    @Test
    void invalidating_an_environment_that_is_not_cached_is_harmless() {
        cache.invalidate(new EnvironmentKey("never-loaded"));
        cache.invalidateAll();

        assertThat(cache.get(PRODUCTION, loader)).isNotNull();
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    /**
     * Records every load and returns a new instance each time, so a reload is told apart from a hit by identity. Loads
     * may run on another thread than the test's.
     */
    private static final class CountingLoader implements Function<EnvironmentKey, PreparedEnvironment> {
        private final List<EnvironmentKey> loaded = new CopyOnWriteArrayList<>();

        @Override
        public PreparedEnvironment apply(EnvironmentKey environment) {
            loaded.add(environment);
            return PreparedEnvironment.prepare(
                    new Environment(environment, environment.value(), false, true, Instant.EPOCH),
                    List.of(),
                    EVALUATOR);
        }
    }
}
