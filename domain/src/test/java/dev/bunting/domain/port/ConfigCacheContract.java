package dev.bunting.domain.port;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The definition of {@link ConfigCache}. Every cache adapter extends this suite. */
public abstract class ConfigCacheContract {

    private static final Evaluator EVALUATOR = new Evaluator(data -> 0, pattern -> input -> false);

    private ConfigCache cache;
    private final CountingLoader loader = new CountingLoader();

    /** @return an empty cache */
    protected abstract ConfigCache newCache();

    @BeforeEach
    void openCache() {
        cache = newCache();
    }

    @Test
    void aMissLoadsTheEnvironmentAndReturnsWhatWasLoaded() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);

        assertThat(production.environment()).isEqualTo(PRODUCTION);
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    @Test
    void aHitReturnsTheCachedEnvironmentWithoutLoading() {
        PreparedEnvironment first = cache.get(PRODUCTION, loader);

        PreparedEnvironment second = cache.get(PRODUCTION, loader);

        assertThat(second).isSameAs(first);
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    @Test
    void whatALoaderThrowsReachesTheCallerAndNothingIsCached() {
        StoreUnavailableException unavailable = new StoreUnavailableException("the store is down", null);

        assertThatThrownBy(() -> cache.get(PRODUCTION, environment -> {
            throw unavailable;
        })).isSameAs(unavailable);

        assertThat(cache.get(PRODUCTION, loader).environment()).isEqualTo(PRODUCTION);
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    @Test
    void eachEnvironmentIsCachedOnItsOwn() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);
        PreparedEnvironment staging = cache.get(STAGING, loader);

        assertThat(staging).isNotSameAs(production);
        assertThat(cache.get(PRODUCTION, loader)).isSameAs(production);
        assertThat(cache.get(STAGING, loader)).isSameAs(staging);
        assertThat(loader.loaded).containsExactly(PRODUCTION, STAGING);
    }

    @Test
    void invalidatingAnEnvironmentReloadsThatEnvironmentOnly() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);
        PreparedEnvironment staging = cache.get(STAGING, loader);

        cache.invalidate(PRODUCTION);

        assertThat(cache.get(PRODUCTION, loader)).isNotSameAs(production);
        assertThat(cache.get(STAGING, loader)).isSameAs(staging);
        assertThat(loader.loaded).containsExactly(PRODUCTION, STAGING, PRODUCTION);
    }

    @Test
    void invalidatingEverythingReloadsEveryEnvironment() {
        PreparedEnvironment production = cache.get(PRODUCTION, loader);
        PreparedEnvironment staging = cache.get(STAGING, loader);

        cache.invalidateAll();

        assertThat(cache.get(PRODUCTION, loader)).isNotSameAs(production);
        assertThat(cache.get(STAGING, loader)).isNotSameAs(staging);
        assertThat(loader.loaded).containsExactly(PRODUCTION, STAGING, PRODUCTION, STAGING);
    }

    @Test
    void subscribersHearOfEveryInvalidationAfterTheCacheHasForgotten() {
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
        assertThat(loader.loaded).as("each notice came after the cached copy was gone").containsExactly(PRODUCTION, PRODUCTION, PRODUCTION);
    }

    @Test
    void invalidatingAnEnvironmentThatIsNotCachedIsHarmless() {
        cache.invalidate(new EnvironmentKey("never-loaded"));
        cache.invalidateAll();

        assertThat(cache.get(PRODUCTION, loader)).isNotNull();
        assertThat(loader.loaded).containsExactly(PRODUCTION);
    }

    /** Records every load and returns a new instance each time, so a reload is told apart from a hit by identity. */
    private static final class CountingLoader implements Function<EnvironmentKey, PreparedEnvironment> {
        private final List<EnvironmentKey> loaded = new ArrayList<>();

        @Override
        public PreparedEnvironment apply(EnvironmentKey environment) {
            loaded.add(environment);
            return PreparedEnvironment.prepare(new Environment(environment, environment.value(), false, true, Instant.EPOCH), List.of(), EVALUATOR);
        }
    }
}
