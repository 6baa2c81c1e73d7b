package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
import dev.bunting.application.measurement.MeasureEvaluations;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.flag.FlagKind;
import jakarta.inject.Inject;
import java.util.Optional;

/** Evaluates one flag for one context. An unknown flag is an evaluation with FLAG_NOT_FOUND; an unknown environment is not found. */
public final class EvaluateFlag {

    private final EnvironmentRules rules;
    private final MeasureEvaluations measure;

    @Inject
    public EvaluateFlag(EnvironmentRules rules, MeasureEvaluations measure) {
        this.rules = rules;
        this.measure = measure;
    }

    /** @param expectedKind when given, a flag of another kind evaluates to TYPE_MISMATCH */
    public record Query(
            EnvironmentKey environment,
            String flagKey,
            EvaluationContext context,
            Optional<FlagKind> expectedKind,
            EvaluationAccess access) {}

    /** @param freshness whether the config evaluated is known to be current; see {@link EnvironmentRules} */
    public record Result(Evaluation evaluation, Freshness freshness) {}

    public Outcome<Result> evaluate(Query query) {
        return rules.of(query.environment())
                .map(config -> query.access()
                        .<Result>refusal(config.environment())
                        .orElseGet(() ->
                                Outcome.done(new Result(evaluate(config.environment(), query), config.freshness()))))
                .orElse(Outcome.notFound("environment '" + query.environment() + "'"));
    }

    private Evaluation evaluate(PreparedEnvironment environment, Query query) {
        Optional<PreparedFlag> flag = environment.flag(query.flagKey());
        if (flag.isEmpty()) {
            return Evaluation.flagNotFound(query.flagKey());
        }
        Evaluation evaluation = evaluate(flag.get(), query);
        measure.evaluated(environment, flag.get(), query.context(), evaluation);
        return evaluation;
    }

    private static Evaluation evaluate(PreparedFlag flag, Query query) {
        return query.expectedKind()
                .map(kind -> flag.evaluate(query.context(), kind))
                .orElseGet(() -> flag.evaluate(query.context()));
    }
}
