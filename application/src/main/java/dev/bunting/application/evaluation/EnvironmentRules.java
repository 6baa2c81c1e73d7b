package dev.bunting.application.evaluation;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

import java.util.Optional;

/** An environment's prepared flags, from the config cache, loaded from the store on a miss. */
public final class EnvironmentRules {

    private final Store store;
    private final ConfigCache cache;
    private final Evaluator evaluator;

    @Inject
    public EnvironmentRules(Store store, ConfigCache cache, Evaluator evaluator) {
        this.store = store;
        this.cache = cache;
        this.evaluator = evaluator;
    }

    /** @return empty when the environment does not exist (which is not cached, so creating it takes effect at once) */
    public Optional<PreparedEnvironment> of(EnvironmentKey environment) {
        return Optional.ofNullable(cache.get(environment, this::load));
    }

    private PreparedEnvironment load(EnvironmentKey environment) {
        return store.inTransaction(repositories -> repositories.environments().find(environment)
                .map(found -> PreparedEnvironment.prepare(found, repositories.flags().statesIn(environment), evaluator))
                .orElse(null));
    }
}
