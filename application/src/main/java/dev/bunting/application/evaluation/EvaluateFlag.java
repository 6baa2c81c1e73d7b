package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.flag.FlagKind;
import jakarta.inject.Inject;

import java.util.Optional;

/** Evaluates one flag for one context. An unknown flag is an evaluation with FLAG_NOT_FOUND; an unknown environment is not found. */
public final class EvaluateFlag {

    private final EnvironmentRules rules;

    @Inject
    public EvaluateFlag(EnvironmentRules rules) {
        this.rules = rules;
    }

    /** @param expectedKind when given, a flag of another kind evaluates to TYPE_MISMATCH */
    public record Query(EnvironmentKey environment, String flagKey, EvaluationContext context, Optional<FlagKind> expectedKind,
                        EvaluationAccess access) {
    }

    public Outcome<Evaluation> evaluate(Query query) {
        return rules.of(query.environment())
                .map(environment -> query.access().<Evaluation>refusal(environment).orElseGet(() -> Outcome.done(environment.flag(query.flagKey())
                        .map(flag -> evaluate(flag, query))
                        .orElse(Evaluation.flagNotFound(query.flagKey())))))
                .orElse(Outcome.notFound("environment '" + query.environment() + "'"));
    }

    private static Evaluation evaluate(PreparedFlag flag, Query query) {
        return query.expectedKind().map(kind -> flag.evaluate(query.context(), kind)).orElseGet(() -> flag.evaluate(query.context()));
    }
}
