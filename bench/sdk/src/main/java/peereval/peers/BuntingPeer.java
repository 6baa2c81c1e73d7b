package peereval.peers;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import peereval.LogicalFlags;
import peereval.LogicalFlags.FlagDef;
import peereval.LogicalFlags.Scenario;
import peereval.LogicalFlags.User;
import peereval.Peer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bunting's production evaluator ({@code Evaluators.standard()}: commons-codec murmur3, RE2J), on flags prepared once,
 * exactly as Bunting's own EvaluatorBenchmark and its evaluation service use it. The bulk scenario is a
 * {@link PreparedEnvironment} of 20 flags, iterated as EvaluateAllFlags does.
 */
public final class BuntingPeer implements Peer {

    private static final Instant EPOCH = Instant.EPOCH;

    private final Map<String, PreparedFlag> flags = new LinkedHashMap<>();
    private final PreparedEnvironment environment;

    public BuntingPeer(Scenario scenario) {
        Evaluator evaluator = Evaluators.standard();
        List<FlagState> states = new ArrayList<>();
        for (FlagDef def : scenario.flags()) {
            Flag flag = booleanFlag(def.key());
            FlagConfig config = config(def);
            flags.put(def.key(), evaluator.prepare(flag, config));
            states.add(new FlagState(flag, new EnvironmentConfig(flag.key(), EnvironmentKey.PRODUCTION, config, 1, EPOCH)));
        }
        environment = PreparedEnvironment.prepare(Environment.defaults(EPOCH).getLast(), states, evaluator);
    }

    public PreparedFlag flag(String key) {
        return flags.get(key);
    }

    public PreparedEnvironment environment() {
        return environment;
    }

    /** Numbers arrive as BigDecimal, as they do from JSON in Bunting's HTTP and OFREP adapters. */
    public static EvaluationContext context(User user) {
        return EvaluationContext.of(user.key(), Map.of(
                "country", user.country(),
                "plan", user.plan(),
                "email", user.email(),
                "app_version", user.appVersion(),
                "age", BigDecimal.valueOf(user.age()),
                "beta", user.beta()));
    }

    public static EvaluationContext[] contexts(User[] users) {
        EvaluationContext[] contexts = new EvaluationContext[users.length];
        for (int i = 0; i < users.length; i++) {
            contexts[i] = context(users[i]);
        }
        return contexts;
    }

    @Override
    public String name() {
        return "bunting";
    }

    @Override
    public Outcome evaluate(String flagKey, User user) {
        Evaluation evaluation = flags.get(flagKey).evaluate(context(user));
        String reason = evaluation.reason() + (evaluation.ruleId() == null ? "" : "(" + evaluation.ruleId().value() + ")");
        return new Outcome(Boolean.TRUE.equals(evaluation.value()), reason);
    }

    @Override
    public Map<String, Boolean> evaluateAll(User user) {
        EvaluationContext context = context(user);
        Map<String, Boolean> values = new LinkedHashMap<>();
        for (PreparedFlag flag : environment.flags()) {
            values.put(flag.flag().key().value(), Boolean.TRUE.equals(flag.evaluate(context).value()));
        }
        return values;
    }

    @Override
    public void close() {
    }

    private static Flag booleanFlag(String key) {
        return new Flag(new FlagKey(key), key, null, List.of(), FlagKind.BOOLEAN, Flag.booleanVariants(), key,
                Flag.TARGETING_KEY, 1, EPOCH, EPOCH);
    }

    static FlagConfig config(FlagDef def) {
        if (def.isStatic()) {
            return new FlagConfig(true, VariantKey.FALSE, List.of(), List.of(), Serve.variant("true"));
        }
        List<Rule> rules = new ArrayList<>();
        for (LogicalFlags.Rule rule : def.rules()) {
            rules.add(new Rule(new RuleId(rule.id()), null, List.of(clause(rule.first()), clause(rule.second())),
                    Serve.variant("true")));
        }
        Serve split = new Serve.Percentage(Split.booleanRollout(BigDecimal.valueOf(def.truePercent())));
        return new FlagConfig(true, VariantKey.FALSE, List.of(), rules, split);
    }

    private static Clause clause(LogicalFlags.Clause clause) {
        Operator operator = switch (clause.op()) {
            case IN -> Operator.IN;
            case EQ -> Operator.EQ;
            case ENDS_WITH -> Operator.ENDS_WITH;
            case SEMVER_GT -> Operator.SEMVER_GT;
            case GTE -> Operator.GTE;
        };
        Object[] values = clause.values().stream()
                .map(v -> v instanceof Integer n ? BigDecimal.valueOf(n) : v)
                .toArray();
        return Clause.of(clause.attribute(), operator, values);
    }
}
