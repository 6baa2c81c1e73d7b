package peereval;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import peereval.LogicalFlags.Scenario;
import peereval.LogicalFlags.User;
import peereval.peers.BuntingPeer;
import peereval.peers.BuntingSdkPeer;
import peereval.peers.ConstantProvider;
import peereval.peers.FlagdPeer;
import peereval.peers.LaunchDarklyPeer;
import peereval.peers.UnleashPeer;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Per-system JMH state, one subclass per scenario in each benchmark class. A benchmark method takes only its own
 * system's state, so a fork builds (and runs the background threads of) that one system only. Each state holds the
 * SDK object the benchmark calls and the {@value LogicalFlags#USERS} benchmark users as precomputed SDK-native
 * contexts, and checks at setup that the measured call really splits (or, for the static flag, serves true).
 */
public final class States {

    public static final int MASK = LogicalFlags.USERS - 1;

    private States() {
    }

    /** Fails the trial if the measured call does not behave as the scenario requires over the benchmark users. */
    static void check(Scenario scenario, String system, IntPredicate valueForUser) {
        int trues = 0;
        for (int i = 0; i < LogicalFlags.USERS; i++) {
            if (valueForUser.test(i)) {
                trues++;
            }
        }
        double share = trues / (double) LogicalFlags.USERS;
        boolean ok = scenario == Scenario.STATIC ? trues == LogicalFlags.USERS : share > 0.40 && share < 0.60;
        if (!ok) {
            throw new IllegalStateException(system + " on " + scenario + " served true to " + trues + " of "
                    + LogicalFlags.USERS + " benchmark users: not the scenario that was meant to be measured");
        }
    }

    /** How long each state calls its system before JMH's own warm-up starts; -Dpeereval.prewarmMs=0 turns it off. */
    static final long PREWARM_MS = Long.getLong("peereval.prewarmMs", 2000);

    /**
     * Calls the system's measured paths for {@link #PREWARM_MS} ms at setup, the same for every system. flagd's
     * JsonLogic path needs some 100-200k calls (several seconds) before the JIT settles, which JMH's 5 x 1 s warm-up
     * alone does not always cover; the others are unaffected by the extra warm-up.
     */
    static void prewarm(IntPredicate... calls) {
        long end = System.nanoTime() + PREWARM_MS * 1_000_000;
        int sink = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            for (IntPredicate call : calls) {
                if (call.test(i & MASK)) {
                    sink++;
                }
            }
        }
        if (sink == Integer.MIN_VALUE) {
            System.out.println("unreachable");
        }
    }

    /** The all-flags call of each system must see exactly the scenario's flags. */
    static void checkAllFlags(Scenario scenario, String system, int count) {
        if (count != scenario.flags().size()) {
            throw new IllegalStateException(system + " holds " + count + " flags for " + scenario + ", expected " + scenario.flags().size());
        }
    }

    public abstract static class BuntingState {
        public PreparedFlag flag;
        public PreparedEnvironment environment;
        public EvaluationContext[] contexts;
        public int next;

        protected abstract Scenario scenario();

        @Setup(Level.Trial)
        public void setUp() {
            BuntingPeer peer = new BuntingPeer(scenario());
            contexts = BuntingPeer.contexts(LogicalFlags.benchmarkUsers());
            String key = scenario().flags().getFirst().key();
            flag = peer.flag(key);
            environment = peer.environment();
            check(scenario(), "bunting", i -> Boolean.TRUE.equals(flag.evaluate(contexts[i]).value()));
            if (environment.flag(key).isEmpty()) {
                throw new IllegalStateException("bunting: flag " + key + " is not in the prepared environment");
            }
            checkAllFlags(scenario(), "bunting", environment.flags().size());
            prewarm(i -> Boolean.TRUE.equals(flag.evaluate(contexts[i]).value()),
                    i -> environment.flag(key).map(f -> f.evaluate(contexts[i], dev.bunting.domain.flag.FlagKind.BOOLEAN)).isPresent(),
                    i -> {
                        int trues = 0;
                        for (PreparedFlag f : environment.flags()) {
                            trues += Boolean.TRUE.equals(f.evaluate(contexts[i]).value()) ? 1 : 0;
                        }
                        return trues > 0;
                    });
        }
    }

    /** The Bunting SDK's client, and the same client behind the Bunting OpenFeature provider. */
    public abstract static class BuntingSdkState {
        public BuntingSdkPeer peer;
        public dev.bunting.sdk.BuntingClient client;
        public Client openFeature;
        public dev.bunting.sdk.BuntingContext[] contexts;
        public dev.openfeature.sdk.EvaluationContext[] openFeatureContexts;
        public String[] keys;
        public int next;

        protected abstract Scenario scenario();

        /**
         * Checks and warms only the path the benchmark measures, as an application uses one: the direct client and the
         * provider hand the evaluator different kinds of context, and warming both in one fork gives its call sites a
         * profile no application has, which C2 compiled one way in some forks and another in others.
         */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            setUp(params.getBenchmark().endsWith("OpenFeature"));
        }

        /** Sets up for the path {@code throughOpenFeature} names; {@link CpuTimeComparison} measures both in one JVM. */
        public void setUp(boolean throughOpenFeature) {
            peer = new BuntingSdkPeer(scenario());
            client = peer.client();
            openFeature = peer.openFeature();
            contexts = BuntingSdkPeer.contexts(LogicalFlags.benchmarkUsers());
            openFeatureContexts = FlagdPeer.contexts(LogicalFlags.benchmarkUsers());
            keys = keys(scenario());
            if (throughOpenFeature) {
                check(scenario(), "bunting-sdk (OpenFeature)", i -> openFeature.getBooleanValue(keys[0], false, openFeatureContexts[i]));
                prewarm(i -> openFeature.getBooleanValue(keys[i % keys.length], false, openFeatureContexts[i]));
            } else {
                check(scenario(), "bunting-sdk", i -> client.boolValue(keys[0], false, contexts[i]));
                checkAllFlags(scenario(), "bunting-sdk", client.allFlags(contexts[0]).size());
                prewarm(i -> client.boolValue(keys[i % keys.length], false, contexts[i]),
                        i -> scenario() != Scenario.BULK20 || !client.allFlags(contexts[i]).isEmpty());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    public abstract static class LaunchDarklyState {
        public LaunchDarklyPeer peer;
        public LDClient client;
        public LDContext[] contexts;
        public String[] keys;
        public int next;

        protected abstract Scenario scenario();

        protected boolean eventsOn() {
            return false;
        }

        @Setup(Level.Trial)
        public void setUp() {
            peer = new LaunchDarklyPeer(scenario(), eventsOn());
            client = peer.client();
            contexts = LaunchDarklyPeer.contexts(LogicalFlags.benchmarkUsers());
            keys = keys(scenario());
            check(scenario(), peer.name(), i -> client.boolVariation(keys[0], contexts[i], false));
            checkAllFlags(scenario(), peer.name(), client.allFlagsState(contexts[0]).toValuesMap().size());
            prewarm(i -> client.boolVariation(keys[i % keys.length], contexts[i], false),
                    i -> client.boolVariationDetail(keys[i % keys.length], contexts[i], false).getValue(),
                    i -> scenario() != Scenario.BULK20 || client.allFlagsState(contexts[i]).isValid());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    public abstract static class UnleashState {
        public UnleashPeer peer;
        public Unleash unleash;
        public UnleashContext[] contexts;
        public String[] keys;
        public int next;

        protected abstract Scenario scenario();

        @Setup(Level.Trial)
        public void setUp() {
            peer = new UnleashPeer(scenario());
            unleash = peer.unleash();
            contexts = UnleashPeer.contexts(LogicalFlags.benchmarkUsers());
            keys = keys(scenario());
            check(scenario(), "unleash", i -> unleash.isEnabled(keys[0], contexts[i], false));
            checkAllFlags(scenario(), "unleash", unleash.more().evaluateAllToggles(contexts[0]).size());
            prewarm(i -> unleash.isEnabled(keys[i % keys.length], contexts[i], false),
                    i -> scenario() != Scenario.BULK20 || !unleash.more().evaluateAllToggles(contexts[i]).isEmpty());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    public abstract static class FlagdState {
        public FlagdPeer peer;
        public Client client;
        public FlagdProvider provider;
        public dev.openfeature.sdk.EvaluationContext[] contexts;
        public String[] keys;
        public int next;

        protected abstract Scenario scenario();

        @Setup(Level.Trial)
        public void setUp() {
            peer = new FlagdPeer(scenario());
            client = peer.client();
            provider = peer.provider();
            contexts = FlagdPeer.contexts(LogicalFlags.benchmarkUsers());
            keys = keys(scenario());
            check(scenario(), "flagd", i -> client.getBooleanValue(keys[0], false, contexts[i]));
            check(scenario(), "flagd provider", i -> provider.getBooleanEvaluation(keys[0], false, contexts[i]).getValue());
            prewarm(i -> client.getBooleanValue(keys[i % keys.length], false, contexts[i]),
                    i -> provider.getBooleanEvaluation(keys[i % keys.length], false, contexts[i]).getValue());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    /**
     * The OpenFeature client over {@link ConstantProvider}: the SDK's own cost per call, on the same
     * {@code ImmutableContext}s the flagd and Bunting OpenFeature rows use, and called with the scenario's flag keys (the
     * provider ignores them, but the call the client makes is the same).
     */
    public abstract static class ConstantProviderState {
        public Client client;
        public Client readingClient;
        public dev.openfeature.sdk.EvaluationContext[] contexts;
        public String[] keys;
        public int next;

        protected abstract Scenario scenario();

        @Setup(Level.Trial)
        public void setUp() {
            client = ConstantProvider.register();
            readingClient = ConstantProvider.readingContext();
            contexts = FlagdPeer.contexts(LogicalFlags.benchmarkUsers());
            keys = keys(scenario());
            // a constant provider serves true to everyone, whatever the scenario's flag would
            check(Scenario.STATIC, "OpenFeature constant provider", i -> client.getBooleanValue(keys[0], false, contexts[i]));
            check(Scenario.STATIC, "OpenFeature constant provider reading the context",
                    i -> readingClient.getBooleanValue(keys[0], false, contexts[i]));
            prewarm(i -> client.getBooleanValue(keys[i % keys.length], false, contexts[i]),
                    i -> readingClient.getBooleanValue(keys[i % keys.length], false, contexts[i]));
        }
    }

    static String[] keys(Scenario scenario) {
        List<String> keys = scenario.flags().stream().map(LogicalFlags.FlagDef::key).toList();
        return keys.toArray(String[]::new);
    }

    /** The benchmark users, for code that wants them in neutral form. */
    static User[] users() {
        return LogicalFlags.benchmarkUsers();
    }
}
