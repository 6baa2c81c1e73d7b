package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
import dev.bunting.application.measurement.MeasureEvaluations;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evaluates every flag of an environment for one context, in key order. */
public final class EvaluateAllFlags {

    private final EnvironmentRules rules;
    private final MeasureEvaluations measure;

    @Inject
    public EvaluateAllFlags(EnvironmentRules rules, MeasureEvaluations measure) {
        this.rules = rules;
        this.measure = measure;
    }

    public record Query(EnvironmentKey environment, EvaluationContext context, EvaluationAccess access) {}

    /**
     * @param configVersion the evaluated flag set's {@link dev.bunting.domain.evaluation.PreparedEnvironment#version() version}
     * @param freshness     whether that flag set is known to be current; see {@link EnvironmentRules}
     */
    public record Result(List<Evaluation> evaluations, String configVersion, Freshness freshness) {}

    public Outcome<Result> evaluate(Query query) {
        return rules.of(query.environment())
                .<Outcome<Result>>map(config -> {
                    PreparedEnvironment environment = config.environment();
                    Optional<Outcome<Result>> refused = query.access().refusal(environment);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    List<Evaluation> evaluations =
                            new ArrayList<>(environment.flags().size());
                    for (PreparedFlag flag : environment.flags()) {
                        evaluations.add(flag.evaluate(query.context()));
                    }
                    measure.evaluatedAll(environment, query.context(), evaluations);
                    return Outcome.done(new Result(evaluations, environment.version(), config.freshness()));
                })
                .orElse(Outcome.notFound("environment '" + query.environment() + "'"));
    }
}
