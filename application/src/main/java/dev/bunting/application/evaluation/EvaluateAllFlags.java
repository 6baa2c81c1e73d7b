package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedFlag;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evaluates every flag of an environment for one context, in key order. */
public final class EvaluateAllFlags {

    private final EnvironmentRules rules;

    @Inject
    public EvaluateAllFlags(EnvironmentRules rules) {
        this.rules = rules;
    }

    public record Query(EnvironmentKey environment, EvaluationContext context, EvaluationAccess access) {
    }

    public Outcome<List<Evaluation>> evaluate(Query query) {
        return rules.of(query.environment())
                .<Outcome<List<Evaluation>>>map(environment -> {
                    Optional<Outcome<List<Evaluation>>> refused = query.access().refusal(environment);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    List<Evaluation> evaluations = new ArrayList<>(environment.flags().size());
                    for (PreparedFlag flag : environment.flags()) {
                        evaluations.add(flag.evaluate(query.context()));
                    }
                    return Outcome.done(evaluations);
                })
                .orElse(Outcome.notFound("environment '" + query.environment() + "'"));
    }
}
