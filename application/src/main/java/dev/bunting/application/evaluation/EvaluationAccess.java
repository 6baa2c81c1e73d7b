package dev.bunting.application.evaluation;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.key.KeyScope;
import java.util.Optional;

/**
 * What an evaluation request presented. An environment open to public evaluation serves anyone; otherwise an SDK key
 * serves only its own environment, and a signed-in user or an API key, who may read every flag anyway, serves any.
 */
public sealed interface EvaluationAccess {

    /** No credentials at all. */
    record Anonymous() implements EvaluationAccess {}

    /** A working SDK key for {@code environment}, made for servers or for client code ({@code side}). */
    record SdkKey(EnvironmentKey environment, KeyScope.Side side) implements EvaluationAccess {}

    /** A signed-in user or an API key. */
    record Authenticated(Principal principal) implements EvaluationAccess {}

    EvaluationAccess ANONYMOUS = new Anonymous();

    /** Why this access may not evaluate in {@code environment}; empty when it may. */
    default <T> Optional<Outcome<T>> refusal(PreparedEnvironment environment) {
        return switch (this) {
            case Anonymous anonymous ->
                environment.publicEvaluation()
                        ? Optional.empty()
                        : Optional.of(new Outcome.Unauthenticated<>("environment '" + environment.environment()
                                + "' needs an SDK key to evaluate; send it as X-SDK-Key, X-API-Key or a bearer token"));
            case SdkKey key ->
                key.environment().equals(environment.environment())
                        ? Optional.empty()
                        : Optional.of(new Outcome.Forbidden<>(
                                "this SDK key evaluates in environment '" + key.environment() + "' only"));
            case Authenticated authenticated -> Optional.empty();
        };
    }
}
