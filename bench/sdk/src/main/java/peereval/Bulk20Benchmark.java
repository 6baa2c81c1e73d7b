package peereval;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.FeatureFlagsState;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedFlag;
import io.getunleash.EvaluatedToggle;
import io.getunleash.UnleashContext;
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
import org.openjdk.jmh.infra.Blackhole;
import peereval.LogicalFlags.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static peereval.States.MASK;

/**
 * Scenario (c): all 20 flags (each shaped like scenario (b), each its own salt) for one user per call. Systems with an
 * all-flags call use it; the "Loop" methods evaluate the 20 keys one by one instead. Time is per call of 20 flags.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
// -XX:+AlwaysPreTouch: without it, forks that were still touching fresh heap pages ran up to twice as slow (the kernel
// zeroing pages showed as 10-16 % of the samples under perf), so one system's forks split into a fast and a slow mode.
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
public class Bulk20Benchmark {

    @State(Scope.Thread)
    public static class BuntingSdk extends States.BuntingSdkState {
        @Override
        protected Scenario scenario() {
            return Scenario.BULK20;
        }
    }

    @State(Scope.Thread)
    public static class Bunting extends States.BuntingState {
        @Override
        protected Scenario scenario() {
            return Scenario.BULK20;
        }
    }

    @State(Scope.Thread)
    public static class LaunchDarkly extends States.LaunchDarklyState {
        @Override
        protected Scenario scenario() {
            return Scenario.BULK20;
        }
    }

    @State(Scope.Thread)
    public static class Unleash extends States.UnleashState {
        @Override
        protected Scenario scenario() {
            return Scenario.BULK20;
        }
    }

    @State(Scope.Thread)
    public static class Flagd extends States.FlagdState {
        @Override
        protected Scenario scenario() {
            return Scenario.BULK20;
        }
    }

    @State(Scope.Thread)
    public static class Constant extends States.ConstantProviderState {
        @Override
        protected Scenario scenario() {
            return Scenario.BULK20;
        }
    }

    /** The SDK's all-flags call: every flag of its snapshot evaluated for the context, in the server's order. */
    @Benchmark
    public List<Evaluation> buntingSdk(BuntingSdk s) {
        return s.client.allFlags(s.contexts[s.next++ & MASK]);
    }

    /** 20 × OpenFeature getBooleanValue on the Bunting provider (OpenFeature has no all-flags call). */
    @Benchmark
    public void buntingSdkOpenFeature(BuntingSdk s, Blackhole bh) {
        dev.openfeature.sdk.EvaluationContext context = s.openFeatureContexts[s.next++ & MASK];
        for (String key : s.keys) {
            bh.consume(s.openFeature.getBooleanValue(key, false, context));
        }
    }

    /** Every flag of a PreparedEnvironment of 20, collected as Bunting's EvaluateAllFlags does (and as its own bulkOf20). */
    @Benchmark
    public List<Evaluation> bunting(Bunting s) {
        EvaluationContext context = s.contexts[s.next++ & MASK];
        List<Evaluation> evaluations = new ArrayList<>(LogicalFlags.BULK_FLAGS);
        for (PreparedFlag flag : s.environment.flags()) {
            evaluations.add(flag.evaluate(context));
        }
        return evaluations;
    }

    /** LDClient.allFlagsState: LaunchDarkly's all-flags call (values plus per-flag metadata). */
    @Benchmark
    public FeatureFlagsState launchDarkly(LaunchDarkly s) {
        return s.client.allFlagsState(s.contexts[s.next++ & MASK]);
    }

    /** 20 × LDClient.boolVariation. */
    @Benchmark
    public void launchDarklyLoop(LaunchDarkly s, Blackhole bh) {
        LDContext context = s.contexts[s.next++ & MASK];
        for (String key : s.keys) {
            bh.consume(s.client.boolVariation(key, context, false));
        }
    }

    /** Unleash more().evaluateAllToggles: Unleash's all-toggles call (a variant per toggle). */
    @Benchmark
    public List<EvaluatedToggle> unleash(Unleash s) {
        return s.unleash.more().evaluateAllToggles(s.contexts[s.next++ & MASK]);
    }

    /** 20 × Unleash.isEnabled. */
    @Benchmark
    public void unleashLoop(Unleash s, Blackhole bh) {
        UnleashContext context = s.contexts[s.next++ & MASK];
        for (String key : s.keys) {
            bh.consume(s.unleash.isEnabled(key, context, false));
        }
    }

    /** 20 × OpenFeature getBooleanValue on the flagd in-process provider (OpenFeature has no all-flags call). */
    @Benchmark
    public void flagdOpenFeature(Flagd s, Blackhole bh) {
        dev.openfeature.sdk.EvaluationContext context = s.contexts[s.next++ & MASK];
        for (String key : s.keys) {
            bh.consume(s.client.getBooleanValue(key, false, context));
        }
    }

    /** 20 x OpenFeature getBooleanValue over a provider that does nothing: the SDK's own cost (the floor). */
    @Benchmark
    public void openFeatureSdkOnly(Constant s, Blackhole bh) {
        dev.openfeature.sdk.EvaluationContext context = s.contexts[s.next++ & MASK];
        for (String key : s.keys) {
            bh.consume(s.client.getBooleanValue(key, false, context));
        }
    }

    /** The same, the provider reading the merged context once a call. */
    @Benchmark
    public void openFeatureContextRead(Constant s, Blackhole bh) {
        dev.openfeature.sdk.EvaluationContext context = s.contexts[s.next++ & MASK];
        for (String key : s.keys) {
            bh.consume(s.readingClient.getBooleanValue(key, false, context));
        }
    }
}
