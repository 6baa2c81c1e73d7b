package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
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

    @Inject
    public EvaluateFlag(EnvironmentRules rules) {
        this.rules = rules;
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

    private static Evaluation evaluate(PreparedEnvironment environment, Query query) {
        return environment
                .flag(query.flagKey())
                .map(flag -> evaluate(flag, query))
                .orElse(Evaluation.flagNotFound(query.flagKey()));
    }

    private static Evaluation evaluate(PreparedFlag flag, Query query) {
        return query.expectedKind()
                .map(kind -> flag.evaluate(query.context(), kind))
                .orElseGet(() -> flag.evaluate(query.context()));
    }
}
