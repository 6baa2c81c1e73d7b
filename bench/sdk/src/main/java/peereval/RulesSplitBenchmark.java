package peereval;

import com.launchdarkly.sdk.EvaluationDetail;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.flag.FlagKind;
import dev.openfeature.sdk.ProviderEvaluation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import peereval.LogicalFlags.Scenario;

import java.util.concurrent.TimeUnit;

import static peereval.States.MASK;

/**
 * Scenario (b): one flag with three rules of two clauses that every benchmark user misses (passing the first clause of
 * rules 1 and 2), then a 50/50 split on the user key, so each call tests six clauses' worth of attributes and hashes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
// -XX:+AlwaysPreTouch: without it, forks that were still touching fresh heap pages ran up to twice as slow (the kernel
// zeroing pages showed as 10-16 % of the samples under perf), so one system's forks split into a fast and a slow mode.
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
public class RulesSplitBenchmark {

    private static final String KEY = LogicalFlags.RULED_KEY;

    @State(Scope.Thread)
    public static class BuntingSdk extends States.BuntingSdkState {
        @Override
        protected Scenario scenario() {
            return Scenario.RULES_SPLIT;
        }
    }

    @State(Scope.Thread)
    public static class Bunting extends States.BuntingState {
        @Override
        protected Scenario scenario() {
            return Scenario.RULES_SPLIT;
        }
    }

    @State(Scope.Thread)
    public static class LaunchDarkly extends States.LaunchDarklyState {
        @Override
        protected Scenario scenario() {
            return Scenario.RULES_SPLIT;
        }
    }

    @State(Scope.Thread)
    public static class LaunchDarklyEventsOn extends States.LaunchDarklyState {
        @Override
        protected Scenario scenario() {
            return Scenario.RULES_SPLIT;
        }

        @Override
        protected boolean eventsOn() {
            return true;
        }
    }

    @State(Scope.Thread)
    public static class Unleash extends States.UnleashState {
        @Override
        protected Scenario scenario() {
            return Scenario.RULES_SPLIT;
        }
    }

    @State(Scope.Thread)
    public static class Flagd extends States.FlagdState {
        @Override
        protected Scenario scenario() {
            return Scenario.RULES_SPLIT;
        }
    }

    @State(Scope.Thread)
    public static class Constant extends States.ConstantProviderState {
        @Override
        protected Scenario scenario() {
            return Scenario.RULES_SPLIT;
        }
    }

    /** The Bunting SDK's client: boolValue(key, default, context), flag looked up in its snapshot. */
    @Benchmark
    public boolean buntingSdk(BuntingSdk s) {
        return s.client.boolValue(KEY, false, s.contexts[s.next++ & MASK]);
    }

    /** OpenFeature getBooleanValue on the Bunting provider (the same SDK client behind it). */
    @Benchmark
    public Boolean buntingSdkOpenFeature(BuntingSdk s) {
        return s.openFeature.getBooleanValue(KEY, false, s.openFeatureContexts[s.next++ & MASK]);
    }

    /** PreparedFlag.evaluate: returns a full Evaluation (value, variant, reason). */
    @Benchmark
    public Evaluation bunting(Bunting s) {
        return s.flag.evaluate(s.contexts[s.next++ & MASK]);
    }

    /**
     * What Bunting's EvaluateFlag does once it holds the environment: look the flag up by key, evaluate it expecting a
     * boolean (TYPE_MISMATCH otherwise), FLAG_NOT_FOUND if absent. The by-key counterpart of an SDK's boolVariation.
     */
    @Benchmark
    public Evaluation buntingByKey(Bunting s) {
        EvaluationContext context = s.contexts[s.next++ & MASK];
        return s.environment.flag(KEY).map(flag -> flag.evaluate(context, FlagKind.BOOLEAN)).orElseGet(() -> Evaluation.flagNotFound(KEY));
    }

    /** LDClient.boolVariation, events off. */
    @Benchmark
    public boolean launchDarkly(LaunchDarkly s) {
        return s.client.boolVariation(KEY, s.contexts[s.next++ & MASK], false);
    }

    /** LDClient.boolVariationDetail (value plus reason, the closest to Bunting's Evaluation), events off. */
    @Benchmark
    public EvaluationDetail<Boolean> launchDarklyDetail(LaunchDarkly s) {
        return s.client.boolVariationDetail(KEY, s.contexts[s.next++ & MASK], false);
    }

    /** LDClient.boolVariation with the event processor on (summary events; the sender discards them). */
    @Benchmark
    public boolean launchDarklyEventsOn(LaunchDarklyEventsOn s) {
        return s.client.boolVariation(KEY, s.contexts[s.next++ & MASK], false);
    }

    /** Unleash.isEnabled with a context (Yggdrasil over JNI). */
    @Benchmark
    public boolean unleash(Unleash s) {
        return s.unleash.isEnabled(KEY, s.contexts[s.next++ & MASK], false);
    }

    /** OpenFeature client getBooleanValue, flagd in-process provider. */
    @Benchmark
    public Boolean flagdOpenFeature(Flagd s) {
        return s.client.getBooleanValue(KEY, false, s.contexts[s.next++ & MASK]);
    }

    /** The flagd provider called directly, without the OpenFeature client. */
    @Benchmark
    public ProviderEvaluation<Boolean> flagdProviderDirect(Flagd s) {
        return s.provider.getBooleanEvaluation(KEY, false, s.contexts[s.next++ & MASK]);
    }

    /** OpenFeature client getBooleanValue over a provider that does nothing: the SDK's own cost per call (the floor). */
    @Benchmark
    public Boolean openFeatureSdkOnly(Constant s) {
        return s.client.getBooleanValue(KEY, false, s.contexts[s.next++ & MASK]);
    }

    /** The same, the provider reading the merged context once: the floor under a provider that sees every attribute. */
    @Benchmark
    public Boolean openFeatureContextRead(Constant s) {
        return s.readingClient.getBooleanValue(KEY, false, s.contexts[s.next++ & MASK]);
    }
}
