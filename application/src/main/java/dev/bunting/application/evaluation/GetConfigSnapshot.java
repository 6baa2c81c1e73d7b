package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.key.KeyScope;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every flag of an environment with its config there, for SDKs that evaluate locally. It is read from the same
 * prepared environment that evaluation uses, so a snapshot is never older than an evaluation made at the same moment,
 * and it is open to whoever may evaluate there, except client-side keys: a snapshot holds every rule, and rules name
 * users in their targets, while a client-side key is in code that anyone can read.
 */
public final class GetConfigSnapshot {

    private final EnvironmentRules rules;

    @Inject
    public GetConfigSnapshot(EnvironmentRules rules) {
        this.rules = rules;
    }

    public record Query(EnvironmentKey environment, EvaluationAccess access) {}

    /**
     * A flag's definition with its config in the snapshot's environment.
     *
     * @param experiment the experiment running on it there, for which an SDK that evaluates locally sends exposures
     */
    public record ConfiguredFlag(Flag flag, FlagConfig config, Optional<ExperimentRun> experiment) {}

    /**
     * @param version the flag set's {@link PreparedEnvironment#version() version}, as evaluation reports it
     * @param flags   by key
     */
    public record Snapshot(EnvironmentKey environment, String version, List<ConfiguredFlag> flags) {
        public Snapshot {
            flags = List.copyOf(flags);
        }
    }

    public Outcome<Snapshot> get(Query query) {
        if (query.access() instanceof EvaluationAccess.SdkKey key && key.side() == KeyScope.Side.CLIENT) {
            return new Outcome.Forbidden<>(
                    "a client-side key evaluates and follows changes but is never shown the rules; "
                            + "an SDK that evaluates locally needs a server SDK key");
        }
        return rules.of(query.environment())
                .map(EnvironmentRules.Rules::environment)
                .<Outcome<Snapshot>>map(environment -> {
                    Optional<Outcome<Snapshot>> refused = query.access().refusal(environment);
                    return refused.orElseGet(() -> Outcome.done(snapshot(environment)));
                })
                .orElse(Outcome.notFound("environment '" + query.environment() + "'"));
    }

    private static Snapshot snapshot(PreparedEnvironment environment) {
        List<ConfiguredFlag> flags = new ArrayList<>(environment.flags().size());
        for (PreparedFlag flag : environment.flags()) {
            flags.add(new ConfiguredFlag(
                    flag.flag(),
                    flag.config(),
                    environment.experiment(flag.flag().key().value())));
        }
        return new Snapshot(environment.environment(), environment.version(), flags);
    }
}
