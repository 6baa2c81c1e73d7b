package dev.bunting.domain.evaluation;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.Target;
import dev.bunting.domain.flag.VariantKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A flag and its config compiled for evaluation. Every result that does not depend on the unit's bucket is built once
 * here, so evaluating a context allocates only for hashing.
 */
public final class PreparedFlag {

    private final Flag flag;
    private final FlagConfig config;
    private final Bucketing bucketing;
    private final byte[] saltPrefix;
    private final boolean bucketsByTargetingKey;
    private final Evaluation disabled;
    private final Map<String, Evaluation> targets;
    private final PreparedRule[] rules;
    private final Outcome fallthrough;
    private final List<FieldViolation> compileProblems;

    private PreparedFlag(Flag flag, FlagConfig config, Bucketing bucketing, RegexEngine regex) {
        this.flag = flag;
        this.config = config;
        this.bucketing = bucketing;
        this.saltPrefix = Bucketing.prefix(flag.salt());
        this.bucketsByTargetingKey = EvaluationContext.TARGETING_KEY.equals(flag.bucketBy());
        this.disabled = result(config.offVariant(), Reason.DISABLED, null);
        this.targets = indexTargets(config.targets());
        List<FieldViolation> problems = new ArrayList<>();
        List<PreparedRule> prepared = new ArrayList<>();
        for (int r = 0; r < config.rules().size(); r++) {
            Rule rule = config.rules().get(r);
            CompiledClause[] clauses = new CompiledClause[rule.clauses().size()];
            for (int c = 0; c < clauses.length; c++) {
                try {
                    clauses[c] = CompiledClause.compile(rule.clauses().get(c), regex);
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldViolation(
                            "rules[" + r + "].clauses[" + c + "].values",
                            "invalid_pattern",
                            "a value of this clause is not a valid regular expression"));
                }
            }
            prepared.add(new PreparedRule(clauses, outcome(rule.serve(), Reason.TARGETING_MATCH, rule.id())));
        }
        this.rules = prepared.toArray(PreparedRule[]::new);
        boolean isStatic = config.targets().isEmpty() && config.rules().isEmpty();
        this.fallthrough = outcome(config.fallthrough(), isStatic ? Reason.STATIC : Reason.DEFAULT, null);
        this.compileProblems = List.copyOf(problems);
    }

    static PreparedFlag prepare(Flag flag, FlagConfig config, Bucketing bucketing, RegexEngine regex) {
        return new PreparedFlag(flag, config, bucketing, regex);
    }

    public Flag flag() {
        return flag;
    }

    public FlagConfig config() {
        return config;
    }

    List<FieldViolation> compileProblems() {
        return compileProblems;
    }

    /**
     * Evaluates for {@code context}; never throws. A context whose attributes are read on demand gives INVALID_CONTEXT
     * when an attribute this flag reads breaks its limits.
     */
    public Evaluation evaluate(EvaluationContext context) {
        if (!compileProblems.isEmpty()) {
            return error(
                    ErrorCode.PARSE_ERROR,
                    "the flag's config does not compile: "
                            + compileProblems.getFirst().message());
        }
        try {
            return decide(context);
        } catch (InvalidInputException e) {
            // an attribute read on demand that breaks the context's limits (EvaluationContext.attributesOnDemand)
            return error(ErrorCode.INVALID_CONTEXT, e.violations().getFirst().message());
        } catch (RuntimeException e) {
            return error(ErrorCode.GENERAL, "evaluation failed unexpectedly");
        }
    }

    /** Evaluates for a caller that expects a value of {@code expected}; a flag of another kind gives TYPE_MISMATCH. */
    public Evaluation evaluate(EvaluationContext context, FlagKind expected) {
        if (expected != flag.kind()) {
            return error(
                    ErrorCode.TYPE_MISMATCH,
                    "flag '" + flag.key() + "' serves " + flag.kind().wireName() + " values, not "
                            + expected.wireName());
        }
        return evaluate(context);
    }

    /**
     * The unit a split buckets {@code context} by: the flag's {@code bucket_by} attribute, else the targeting key, as
     * text. Empty when the context has none a split could use. This is what experiments count.
     */
    public Optional<String> unitOf(EvaluationContext context) {
        Object unit = context.value(flag.bucketBy(), bucketsByTargetingKey);
        String unitText = unit == null ? null : CompiledClause.canonical(unit);
        return unitText == null || unitText.isEmpty() ? Optional.empty() : Optional.of(unitText);
    }

    private Evaluation decide(EvaluationContext context) {
        if (!config.enabled()) {
            return disabled;
        }
        String targetingKey = context.targetingKey();
        if (targetingKey != null && !targets.isEmpty()) {
            Evaluation targeted = targets.get(targetingKey);
            if (targeted != null) {
                return targeted;
            }
        }
        for (PreparedRule rule : rules) {
            if (rule.matches(context)) {
                return serve(rule.outcome, context);
            }
        }
        return serve(fallthrough, context);
    }

    private Evaluation serve(Outcome outcome, EvaluationContext context) {
        // tests rather than a switch over the sealed type, whose dispatch costs more than a fixed outcome's whole serve
        if (outcome instanceof Outcome.Fixed fixed) {
            return fixed.result;
        }
        Outcome.Bucketed bucketed = (Outcome.Bucketed) outcome;
        Object unit = context.value(flag.bucketBy(), bucketsByTargetingKey);
        String unitText = unit == null ? null : CompiledClause.canonical(unit);
        if (unit != null && unitText == null) {
            return error(
                    ErrorCode.INVALID_CONTEXT,
                    "'" + flag.bucketBy() + "' must be a string, number or boolean to bucket by");
        }
        if (unitText == null || unitText.isEmpty()) {
            return error(
                    ErrorCode.TARGETING_KEY_MISSING,
                    "a percentage split needs '" + flag.bucketBy() + "' in the context");
        }
        return bucketed.resultFor(bucketing.bucket(saltPrefix, unitText));
    }

    private Map<String, Evaluation> indexTargets(List<Target> targetLists) {
        Map<String, Evaluation> index = new HashMap<>();
        for (Target target : targetLists) {
            Evaluation result = result(target.variant(), Reason.TARGETING_MATCH, null);
            for (String unit : target.units()) {
                index.putIfAbsent(unit, result);
            }
        }
        return Map.copyOf(index);
    }

    private Outcome outcome(Serve serve, Reason fixedReason, @Nullable RuleId ruleId) {
        return switch (serve) {
            case Serve.Fixed fixed -> new Outcome.Fixed(result(fixed.variant(), fixedReason, ruleId));
            case Serve.Percentage percentage -> {
                Split split = percentage.split();
                VariantKey sole = split.soleVariant();
                if (sole != null) {
                    yield new Outcome.Fixed(result(sole, Reason.SPLIT, ruleId));
                }
                Evaluation[] results = new Evaluation[split.weights().size()];
                for (int i = 0; i < results.length; i++) {
                    results[i] = result(split.weights().get(i).variant(), Reason.SPLIT, ruleId);
                }
                yield new Outcome.Bucketed(split, results);
            }
        };
    }

    private Evaluation result(VariantKey variant, Reason reason, @Nullable RuleId ruleId) {
        Object value = flag.variant(variant).map(v -> v.value()).orElse(null);
        return new Evaluation(flag.key().value(), flag.kind(), value, variant, reason, ruleId, null, null);
    }

    private Evaluation error(ErrorCode code, String message) {
        return Evaluation.error(flag.key().value(), flag.kind(), code, message);
    }

    private record PreparedRule(CompiledClause[] clauses, Outcome outcome) {
        boolean matches(EvaluationContext context) {
            for (CompiledClause clause : clauses) {
                if (!clause.matches(context)) {
                    return false;
                }
            }
            return true;
        }
    }

    private sealed interface Outcome {
        record Fixed(Evaluation result) implements Outcome {}

        /** @param results the precomputed evaluation for each of the split's weights, in order */
        record Bucketed(Split split, Evaluation[] results) implements Outcome {
            Evaluation resultFor(int bucket) {
                return results[split.indexFor(bucket)];
            }
        }
    }
}
