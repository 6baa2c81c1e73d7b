package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
import dev.bunting.domain.environment.EnvironmentKey;
import jakarta.inject.Inject;

/**
 * Opens a watch on an environment's flag set for whoever may evaluate there, as streams to SDKs do: it starts at the
 * current version, and its watcher is told of each later one (see {@link EnvironmentWatches}).
 */
public final class WatchEnvironment {

    private final EnvironmentRules rules;
    private final EnvironmentWatches watches;

    @Inject
    public WatchEnvironment(EnvironmentRules rules, EnvironmentWatches watches) {
        this.rules = rules;
        this.watches = watches;
    }

    public record Query(EnvironmentKey environment, EvaluationAccess access, EnvironmentWatches.Watcher watcher) {}

    public Outcome<EnvironmentWatches.Watch> watch(Query query) {
        return rules.of(query.environment())
                .map(EnvironmentRules.Rules::environment)
                .map(environment -> query.access()
                        .<EnvironmentWatches.Watch>refusal(environment)
                        .orElseGet(() -> Outcome.done(watches.add(environment, query.access(), query.watcher()))))
                .orElse(Outcome.notFound("environment '" + query.environment() + "'"));
    }
}
