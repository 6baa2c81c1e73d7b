package dev.bunting.bench.evaluation;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.evaluation.Reason;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The production evaluator ({@link Evaluators#standard()}) on prepared flags, one thread, average time per call.
 *
 * <p>The ruled flag is a boolean flag with three rules of two clauses each and a 30/70 fallthrough split. Every context
 * is a near miss: it passes the first clause of rules 1 and 2 and fails their second, fails rule 3 at once, and so falls
 * through to the split, which hashes its targeting key. The keys cycle through {@value #USERS} precomputed users so the
 * hash cannot be folded into a constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class EvaluatorBenchmark {

    static final int USERS = 1024;
    static final int BULK_FLAGS = 20;
    private static final Instant EPOCH = Instant.EPOCH;

    private EvaluationContext[] contexts;
    private PreparedFlag ruled;
    private PreparedFlag staticFlag;
    private PreparedEnvironment environment;
    private int next;

    @Setup
    public void prepare() {
        Evaluator evaluator = Evaluators.standard();
        contexts = new EvaluationContext[USERS];
        for (int i = 0; i < USERS; i++) {
            contexts[i] = nearMiss("user-" + i);
        }
        ruled = evaluator.prepare(booleanFlag("checkout-redesign"), ruledConfig());
        staticFlag = evaluator.prepare(
                booleanFlag("kill-switch"),
                new FlagConfig(true, VariantKey.FALSE, List.of(), List.of(), Serve.variant("true")));
        List<FlagState> states = new ArrayList<>();
        for (int i = 0; i < BULK_FLAGS; i++) {
            Flag flag = booleanFlag("bench-flag-%02d".formatted(i));
            states.add(new FlagState(
                    flag, new EnvironmentConfig(flag.key(), EnvironmentKey.PRODUCTION, ruledConfig(), 1, EPOCH)));
        }
        environment = PreparedEnvironment.prepare(Environment.defaults(EPOCH).getLast(), states, evaluator);
        checkScenario();
    }

    /** One flag: three near-miss rules, then the 30/70 split. */
    @Benchmark
    public Evaluation rulesThenSplit() {
        return ruled.evaluate(contexts[next++ & (USERS - 1)]);
    }

    /** One flag with no targets and no rules: the floor of an evaluation. */
    @Benchmark
    public Evaluation staticFlag() {
        return staticFlag.evaluate(contexts[next++ & (USERS - 1)]);
    }

    /** Every flag of an environment of 20 ruled flags, collected as {@code EvaluateAllFlags} does. */
    @Benchmark
    public List<Evaluation> bulkOf20() {
        EvaluationContext context = contexts[next++ & (USERS - 1)];
        List<Evaluation> evaluations = new ArrayList<>(BULK_FLAGS);
        for (PreparedFlag flag : environment.flags()) {
            evaluations.add(flag.evaluate(context));
        }
        return evaluations;
    }

    private static Flag booleanFlag(String key) {
        return new Flag(
                new FlagKey(key),
                key,
                null,
                List.of(),
                FlagKind.BOOLEAN,
                Flag.booleanVariants(),
                key,
                Flag.TARGETING_KEY,
                1,
                EPOCH,
                EPOCH);
    }

    private static FlagConfig ruledConfig() {
        List<Rule> rules = List.of(
                rule(
                        "north-america-enterprise",
                        Clause.of("country", Operator.IN, "US", "CA", "MX"),
                        Clause.of("plan", Operator.EQ, "enterprise")),
                rule(
                        "staff-on-new-app",
                        Clause.of("email", Operator.ENDS_WITH, "@example.com"),
                        Clause.of("app_version", Operator.SEMVER_GT, "4.2.0")),
                rule(
                        "senior-beta",
                        Clause.of("age", Operator.GTE, new BigDecimal("65")),
                        Clause.of("beta", Operator.EQ, true)));
        Serve rollout = new Serve.Percentage(Split.booleanRollout(new BigDecimal("30")));
        return new FlagConfig(true, VariantKey.FALSE, List.of(), rules, rollout);
    }

    private static Rule rule(String id, Clause first, Clause second) {
        return new Rule(new RuleId(id), null, List.of(first, second), Serve.variant("true"));
    }

    /** Passes the first clause of rules 1 and 2, fails every rule. Numbers arrive as BigDecimal, as from JSON. */
    private static EvaluationContext nearMiss(String user) {
        return EvaluationContext.of(
                user,
                Map.of(
                        "country",
                        "US",
                        "plan",
                        "free",
                        "email",
                        user + "@example.com",
                        "app_version",
                        "4.1.7",
                        "age",
                        new BigDecimal("34"),
                        "beta",
                        true));
    }

    /** Fails fast if a change to the evaluator made these benchmarks measure some other path. */
    private void checkScenario() {
        for (EvaluationContext context : contexts) {
            expect(ruled.evaluate(context), Reason.SPLIT, "the ruled flag");
            expect(staticFlag.evaluate(context), Reason.STATIC, "the static flag");
        }
        for (PreparedFlag flag : environment.flags()) {
            expect(
                    flag.evaluate(contexts[0]),
                    Reason.SPLIT,
                    "bulk flag " + flag.flag().key());
        }
        if (environment.flags().size() != BULK_FLAGS) {
            throw new IllegalStateException("expected " + BULK_FLAGS + " flags, prepared "
                    + environment.flags().size());
        }
    }

    private static void expect(Evaluation evaluation, Reason reason, String what) {
        if (evaluation.reason() != reason || evaluation.ruleId() != null) {
            throw new IllegalStateException(
                    what + " evaluated to " + evaluation + ", expected reason " + reason + " and no rule");
        }
    }
}
