package dev.bunting.sdk.openfeature;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Flags;
import dev.bunting.domain.Rules;
import dev.bunting.domain.evaluation.ErrorCode;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.Operator;
import dev.bunting.sdk.BuntingClient;
import dev.bunting.sdk.BuntingContext;
import dev.bunting.sdk.TestFlags;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.HookContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The provider reads OpenFeature's context one attribute at a time, as a flag's clauses name them, instead of
 * materialising its merged map; it must answer exactly as it did from that map: for the contexts OpenFeature's client
 * hands it (client, invocation and hook layers, the last set winning) and for contexts passed to it directly, with
 * attributes of every OpenFeature type, targeting keys in any layer, empty, missing or under another name.
 */
class OpenFeatureContextTest {

    private static final int CONTEXTS = 1_000;
    private static final String TOO_LONG =
            "x".repeat(dev.bunting.domain.evaluation.EvaluationContext.MAX_TEXT_LENGTH + 1);

    private final TestFlags flags = new TestFlags();
    private final BuntingClient client = flags.client();
    private final List<String> keys = new ArrayList<>();

    OpenFeatureContextTest() {
        flag(
                "strings",
                Configs.on()
                        .withTarget("true", "user-1")
                        .withRule(Rules.rule("in")
                                .when(new Clause("country", Operator.IN, List.of("US", "CA"), false, true))
                                .serve("true"))
                        .withRule(Rules.rule("contains")
                                .when(attribute("email").contains("@corp"))
                                .when(attribute("plan").eq("enterprise"))
                                .serve("false"))
                        .withRule(Rules.rule("starts")
                                .when(new Clause("name", Operator.STARTS_WITH, List.of("A", "b"), true, false))
                                .serve("true"))
                        .withRule(Rules.rule("matches")
                                .when(attribute("code").matches("^[a-f0-9]{4}$"))
                                .serve("false"))
                        .fallthrough("false"));
        flag(
                "numbers",
                Configs.on()
                        .withRule(Rules.rule("gt").when(attribute("age").gt(60)).serve("true"))
                        .withRule(Rules.rule("between")
                                .when(attribute("score").gte(0.5))
                                .when(attribute("score").lte(0.9))
                                .serve("false"))
                        .withRule(Rules.rule("minor")
                                .when(attribute("age").lt(18))
                                .serve("true"))
                        .withRule(Rules.rule("no-beta")
                                .when(new Clause("beta", Operator.EXISTS, List.of(), true, false))
                                .serve("false"))
                        .withRule(Rules.rule("in-number")
                                .when(attribute("plan").in(3, "pro"))
                                .serve("true"))
                        .fallthroughSplit("true", 5000, "false", 5000));
        flag(
                "versions-and-times",
                Configs.on()
                        .withRule(Rules.rule("semver")
                                .when(attribute("app").semverGt("4.2.0"))
                                .serve("false"))
                        .withRule(Rules.rule("before")
                                .when(attribute("signup").before("2024-01-01T00:00:00Z"))
                                .serve("true"))
                        .withRule(Rules.rule("after")
                                .when(attribute("signup").after("2026-06-01T00:00:00.000500Z"))
                                .serve("false"))
                        .withRule(Rules.rule("seen")
                                .when(attribute("signup").in("2025-03-01T10:00:00.123456Z"))
                                .serve("true"))
                        .fallthrough("false"));
        flags.set(
                Flags.aBooleanFlag("by-org").bucketBy("org").build(),
                Configs.on()
                        .withRule(Rules.rule("vip")
                                .when(attribute("tags").contains("vip"))
                                .serve("false"))
                        .withRule(Rules.rule("address")
                                .when(attribute("address").exists())
                                .serve("true"))
                        .fallthroughSplit("true", 3000, "false", 7000)
                        .build(),
                null);
        keys.add("by-org");
        flag("static", Configs.on().fallthrough("true"));
    }

    private void flag(String key, Configs.Builder config) {
        flags.set(Flags.aBooleanFlag(key).build(), config.build(), null);
        keys.add(key);
    }

    @Test
    void contexts_from_open_features_client_are_answered_as_from_their_merged_map() {
        Capturing capturing = new Capturing();
        String domain = UUID.randomUUID().toString();
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, capturing);
        Client openFeature = OpenFeatureAPI.getInstance().getClient(domain);
        List<EvaluationContext> hookContext = new ArrayList<>(List.of(ImmutableContext.EMPTY));
        openFeature.addHooks(new Hook<Boolean>() {
            @Override
            public Optional<EvaluationContext> before(HookContext<Boolean> context, Map<String, Object> hints) {
                return Optional.of(hookContext.getFirst());
            }
        });
        Random random = new Random(14);
        for (int i = 0; i < CONTEXTS; i++) {
            openFeature.setEvaluationContext(random.nextInt(3) == 0 ? ImmutableContext.EMPTY : context(random));
            hookContext.set(0, random.nextInt(3) == 0 ? ImmutableContext.EMPTY : context(random));
            openFeature.getBooleanValue("static", false, context(random));

            assertAnsweredAsFromTheMergedMap(capturing.received);
        }
    }

    @Test
    void contexts_passed_to_the_provider_are_answered_as_from_their_own_map() {
        Random random = new Random(41);
        for (int i = 0; i < CONTEXTS; i++) {
            EvaluationContext context = context(random);

            assertAnsweredAsFromTheMergedMap(context);
            assertAnsweredAsFromTheMergedMap(new MutableContext(context.getTargetingKey(), context.asMap()));
        }
    }

    @Test
    void an_attribute_a_flag_reads_that_breaks_the_limits_is_invalid_context_as_on_the_server() {
        BuntingProvider provider = BuntingProvider.on(client);
        ImmutableContext longEmail = new ImmutableContext("alice", Map.of("email", new Value(TOO_LONG)));
        List<Value> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new Value("t".repeat(1_000)));
        }
        ImmutableContext manyTags = new ImmutableContext("alice", Map.of("tags", new Value(many)));

        assertThat(provider.getBooleanEvaluation("strings", true, longEmail).getErrorCode())
                .isEqualTo(dev.openfeature.sdk.ErrorCode.INVALID_CONTEXT);
        assertThat(provider.getBooleanEvaluation("by-org", true, manyTags).getErrorCode())
                .isEqualTo(dev.openfeature.sdk.ErrorCode.INVALID_CONTEXT);
        assertThat(provider.getBooleanEvaluation("static", false, new ImmutableContext(TOO_LONG))
                        .getErrorCode())
                .isEqualTo(dev.openfeature.sdk.ErrorCode.INVALID_CONTEXT);
    }

    @Test
    void an_attribute_no_clause_of_the_flag_reads_is_not_checked() {
        BuntingProvider provider = BuntingProvider.on(client);
        ImmutableContext longNotes =
                new ImmutableContext("alice", Map.of("notes", new Value(TOO_LONG), "country", new Value("us")));

        ProviderEvaluation<Boolean> strings = provider.getBooleanEvaluation("strings", false, longNotes);

        assertThat(strings.getErrorCode()).isNull();
        assertThat(strings.getValue()).isTrue();
        assertThat(client.evaluate("strings", BuntingContext.of(Map.of("notes", TOO_LONG)))
                        .errorCode())
                .as("the direct client, given every attribute, checks them all")
                .isEqualTo(ErrorCode.INVALID_CONTEXT);
    }

    private void assertAnsweredAsFromTheMergedMap(EvaluationContext context) {
        BuntingContext merged = fromTheMergedMap(context);
        for (String key : keys) {
            Evaluation read = client.evaluate(key, Contexts.of(context));
            Evaluation reference = client.evaluate(key, merged);

            assertThat(read).as(key + " for " + context.asMap()).isEqualTo(reference);
        }
    }

    /** The provider's conversion before it read on demand: every attribute of the merged map, converted up front. */
    private static BuntingContext fromTheMergedMap(EvaluationContext context) {
        Map<String, Object> plain = new HashMap<>();
        context.asUnmodifiableMap().forEach((name, value) -> {
            if (!EvaluationContext.TARGETING_KEY.equals(name)) {
                plain.put(name, Values.toPlain(value));
            }
        });
        String targetingKey = context.getTargetingKey();
        if (targetingKey != null && !targetingKey.isEmpty()) {
            plain.put(EvaluationContext.TARGETING_KEY, targetingKey);
        }
        return BuntingContext.of(plain);
    }

    /** A context with each attribute present, missing or of another OpenFeature type, at random. */
    private static EvaluationContext context(Random random) {
        Map<String, Value> attributes = new HashMap<>();
        maybe(random, attributes, "country", new Value("US"), new Value("ca"), new Value("FR"), new Value(7));
        maybe(random, attributes, "plan", new Value("enterprise"), new Value("pro"), new Value(3), new Value(3.0));
        maybe(random, attributes, "email", new Value("a@corp.example"), new Value("b@x.org"), new Value(true));
        maybe(random, attributes, "name", new Value("Alice"), new Value("bob"), new Value(""), new Value(1.5));
        maybe(random, attributes, "code", new Value("a1f9"), new Value("ABCD"), new Value(false));
        maybe(
                random,
                attributes,
                "age",
                new Value(random.nextInt(100)),
                new Value(70L),
                new Value(17.5),
                number(new BigDecimal("61.0")),
                new Value("70"));
        maybe(
                random,
                attributes,
                "score",
                new Value(random.nextDouble()),
                new Value(0.5),
                number(new BigDecimal("0.90")),
                new Value(Double.NaN),
                new Value("0.7"));
        maybe(random, attributes, "beta", new Value(true), new Value(false), new Value(), new Value("true"));
        maybe(random, attributes, "app", new Value("4.2.1"), new Value("4.10.0"), new Value("v4.3.0"), new Value(5));
        maybe(
                random,
                attributes,
                "signup",
                new Value(Instant.parse("2023-05-01T10:00:00Z")),
                new Value(Instant.parse("2026-06-01T00:00:00.000900Z")),
                new Value(Instant.parse("2025-03-01T10:00:00.123456Z")),
                new Value("2026-07-01T00:00:00Z"),
                new Value(1_700_000_000));
        maybe(random, attributes, "org", new Value("acme"), new Value("org-" + random.nextInt(50)), new Value(12));
        maybe(
                random,
                attributes,
                "tags",
                new Value(List.of(new Value("vip"))),
                new Value(List.of(new Value("a"), new Value(2))),
                new Value(List.of()),
                new Value("vip"));
        maybe(
                random,
                attributes,
                "address",
                new Value(new ImmutableStructure(Map.of("city", new Value("Oslo")))),
                new Value(new ImmutableStructure()));
        maybe(
                random,
                attributes,
                "user_id",
                new Value("user-" + random.nextInt(10)),
                new Value(42),
                new Value(true),
                new Value(new ImmutableStructure()));
        maybe(random, attributes, "userId", new Value("user-" + random.nextInt(10)), new Value(0.5));
        return switch (random.nextInt(5)) {
            case 0 -> new ImmutableContext(attributes);
            case 1 -> new ImmutableContext("", attributes);
            case 2 -> new ImmutableContext("user-1", attributes);
            default -> new ImmutableContext("user-" + random.nextInt(2_000), attributes);
        };
    }

    private static Value number(BigDecimal n) {
        try {
            return new Value((Object) n);
        } catch (InstantiationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void maybe(Random random, Map<String, Value> attributes, String name, Value... values) {
        int pick = random.nextInt(values.length + 2);
        if (pick < values.length) {
            attributes.put(name, values[pick]);
        }
    }

    /** A provider that keeps the context OpenFeature's client hands it. */
    private static final class Capturing implements FeatureProvider {
        private EvaluationContext received;

        @Override
        public Metadata getMetadata() {
            return () -> "capturing";
        }

        @Override
        public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean value, EvaluationContext context) {
            received = context;
            return ProviderEvaluation.<Boolean>builder().value(value).build();
        }

        @Override
        public ProviderEvaluation<String> getStringEvaluation(String key, String value, EvaluationContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer value, EvaluationContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double value, EvaluationContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderEvaluation<Value> getObjectEvaluation(String key, Value value, EvaluationContext context) {
            throw new UnsupportedOperationException();
        }
    }
}
