package dev.bunting.sdk.openfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.sdk.BuntingOptions;
import dev.bunting.sdk.SyncMode;
import dev.bunting.sdk.TestFlags;
import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.MutableTrackingEventDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.FatalError;
import dev.openfeature.sdk.exceptions.GeneralError;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The provider against the OpenFeature specification's provider and event clauses, on flags held in memory. */
class BuntingProviderTest {

    private static final ImmutableContext ALICE = new ImmutableContext("alice", Map.of("plan", new Value("free")));

    private final TestFlags flags = new TestFlags()
            .set("on", true)
            .set("colour", "blue")
            .set("limit", new BigDecimal("42"))
            .set("ratio", new BigDecimal("0.25"))
            .setJson("layout", Map.of("columns", new BigDecimal(3), "dense", true, "tags", List.of("a")));

    private Client client(BuntingProvider provider) {
        String domain = UUID.randomUUID().toString();
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
        return OpenFeatureAPI.getInstance().getClient(domain);
    }

    @Test
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.1.1",
            text =
                    "The provider interface **MUST** define a `metadata` member or accessor, containing a `name` field or accessor of type string, which identifies the provider implementation.")
    void the_provider_names_itself() {
        assertThat(BuntingProvider.on(flags.client()).getMetadata().getName()).isEqualTo("Bunting");
    }

    @Test
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.2.1",
            text =
                    "The `feature provider` interface **MUST** define methods for typed flag resolution, including boolean, numeric, string, and structure.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.3",
            text =
                    "In cases of normal execution, the `provider` **MUST** populate the `resolution details` structure's `value` field with the resolved flag value.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.4",
            text =
                    "In cases of normal execution, the `provider` **SHOULD** populate the `resolution details` structure's `variant` field with a string identifier corresponding to the returned flag value.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.6",
            text =
                    "In cases of normal execution, the `provider` **MUST NOT** populate the `resolution details` structure's `error code` field, or otherwise must populate it with a null or falsy value.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.3.2",
            text =
                    "In cases of normal execution, the `provider` **MUST NOT** populate the `resolution details` structure's `error message` field, or otherwise must populate it with a null or falsy value.")
    void each_kind_of_flag_resolves_to_its_value_and_variant_without_an_error() {
        BuntingProvider provider = BuntingProvider.on(flags.client());

        ProviderEvaluation<Boolean> on = provider.getBooleanEvaluation("on", false, ALICE);
        assertThat(on.getValue()).isTrue();
        assertThat(on.getVariant()).isEqualTo("true");
        assertThat(on.getErrorCode()).isNull();
        assertThat(on.getErrorMessage()).isNull();
        assertThat(provider.getStringEvaluation("colour", "", ALICE).getValue()).isEqualTo("blue");
        assertThat(provider.getIntegerEvaluation("limit", 0, ALICE).getValue()).isEqualTo(42);
        assertThat(provider.getDoubleEvaluation("ratio", 0.0, ALICE).getValue()).isEqualTo(0.25);
        assertThat(provider.getDoubleEvaluation("limit", 0.0, ALICE).getValue()).isEqualTo(42.0);
        Value layout =
                provider.getObjectEvaluation("layout", new Value(), ALICE).getValue();
        assertThat(layout.asStructure().getValue("columns").asInteger()).isEqualTo(3);
        assertThat(layout.asStructure().getValue("dense").asBoolean()).isTrue();
        assertThat(layout.asStructure().getValue("tags").asList()).containsExactly(new Value("a"));
    }

    @Test
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.5",
            text =
                    "The `provider` **SHOULD** populate the `resolution details` structure's `reason` field with `\"STATIC\"`, `\"DEFAULT\",` `\"TARGETING_MATCH\"`, `\"SPLIT\"`, `\"CACHED\"`, `\"DISABLED\"`, `\"UNKNOWN\"`, `\"STALE\"`, `\"ERROR\"` or some other string indicating the semantic reason for the returned flag value.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.9",
            text = "The `provider` **SHOULD** populate the `resolution details` structure's `flag metadata` field.")
    void reasons_are_open_features_and_a_split_is_a_split() {
        flags.set(splitFlag(), splitConfig(), null);
        BuntingProvider provider = BuntingProvider.on(flags.client());

        assertThat(provider.getBooleanEvaluation("on", false, ALICE).getReason())
                .isEqualTo(Reason.STATIC.name());
        ProviderEvaluation<Boolean> split = provider.getBooleanEvaluation("split", false, ALICE);
        assertThat(split.getReason()).isEqualTo(Reason.SPLIT.name());
        assertThat(split.getFlagMetadata()).isNotNull();
    }

    @Test
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.7",
            text =
                    "In cases of abnormal execution, the `provider` **MUST** indicate an error using the idioms of the implementation language, with an associated `error code` and optional associated `error message`.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.3.3",
            text =
                    "In cases of abnormal execution, the `resolution details` structure's `error message` field **MAY** contain a string containing additional detail about the nature of the error.")
    void errors_give_the_default_with_open_features_error_codes_and_never_throw() {
        flags.set(splitFlag(), splitConfig(), null);
        Client client = client(BuntingProvider.on(flags.client()));

        FlagEvaluationDetails<Boolean> missing = client.getBooleanDetails("missing", true, ALICE);
        FlagEvaluationDetails<String> mismatch = client.getStringDetails("on", "default", ALICE);
        FlagEvaluationDetails<Integer> notInteger = client.getIntegerDetails("ratio", 7, ALICE);
        FlagEvaluationDetails<Boolean> noKey = client.getBooleanDetails("split", true, new ImmutableContext());
        FlagEvaluationDetails<Boolean> emptyKey =
                client.getBooleanDetails("split", true, new ImmutableContext("", Map.of("plan", new Value("pro"))));
        FlagEvaluationDetails<Boolean> badContext = client.getBooleanDetails(
                "on", false, new ImmutableContext(Map.of("user_id", new Value(new ImmutableStructure()))));

        assertThat(missing.getValue()).isTrue();
        assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(missing.getReason()).isEqualTo(Reason.ERROR.name());
        assertThat(missing.getErrorMessage()).contains("missing");
        assertThat(mismatch.getValue()).isEqualTo("default");
        assertThat(mismatch.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(notInteger.getValue()).isEqualTo(7);
        assertThat(notInteger.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(noKey.getValue()).isTrue();
        assertThat(noKey.getErrorCode()).isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
        assertThat(emptyKey.getErrorCode()).isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
        assertThat(badContext.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
    }

    @Test
    void context_attributes_of_every_open_feature_type_reach_the_evaluator() {
        BuntingProvider provider = BuntingProvider.on(flags.client());
        ImmutableContext rich = new ImmutableContext(
                "alice",
                Map.of(
                        "age", new Value(42),
                        "score", new Value(0.5),
                        "beta", new Value(true),
                        "seen", new Value(Instant.parse("2026-01-01T00:00:00Z")),
                        "tags", new Value(List.of(new Value("a"))),
                        "address", new Value(new ImmutableStructure(Map.of("city", new Value("Oslo")))),
                        "nothing", new Value()));

        assertThat(provider.getBooleanEvaluation("on", false, rich).getValue()).isTrue();
        assertThat(provider.getBooleanEvaluation("on", false, null).getValue()).isTrue();
        assertThat(Values.toPlain(new Value(Instant.EPOCH))).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(Values.toValue(new BigDecimal("1e20")).asDouble()).isEqualTo(1e20);
    }

    @Test
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "5.1.1",
            text =
                    "The `provider` **MAY** define a mechanism for signaling the occurrence of one of a set of events, including `PROVIDER_READY`, `PROVIDER_ERROR`, `PROVIDER_CONFIGURATION_CHANGED` and `PROVIDER_STALE`, with a `provider event details` payload.")
    void a_changed_flag_set_emits_configuration_changed_naming_the_flags() throws Exception {
        Client client = client(BuntingProvider.on(flags.client()));
        List<EventDetails> changes = new CopyOnWriteArrayList<>();
        client.onProviderConfigurationChanged(changes::add);

        flags.set("colour", "red");

        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (changes.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(changes)
                .singleElement()
                .satisfies(details -> assertThat(details.getFlagsChanged()).containsExactly("colour"));
        assertThat(client.getStringValue("colour", "", ALICE)).isEqualTo("red");
        assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
    }

    @Test
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.4.2.1",
            text =
                    "If the provider's `initialize` function fails to render the provider ready to evaluate flags, it **SHOULD** abnormally terminate.")
    void a_refused_key_fails_initialisation_as_fatal_and_an_unreachable_server_as_an_error() throws Exception {
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        refusing.start();
        try {
            BuntingProvider refused = new BuntingProvider(
                    options("http://127.0.0.1:" + refusing.getAddress().getPort()));
            BuntingProvider unreachable = new BuntingProvider(options("http://127.0.0.1:9"));

            assertThatThrownBy(() -> refused.initialize(new ImmutableContext())).isInstanceOf(FatalError.class);
            assertThatThrownBy(() -> unreachable.initialize(new ImmutableContext()))
                    .isInstanceOf(GeneralError.class);
            unreachable.shutdown();
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void a_provider_that_starts_its_own_client_serves_from_its_bootstrap_before_the_server_answers() throws Exception {
        BuntingProvider provider = new BuntingProvider(BuntingOptions.builder("http://127.0.0.1:9")
                .environment("production")
                .mode(SyncMode.NO_THREADS)
                .bootstrapJson("{\"environment\":\"production\",\"version\":\"v1\",\"flags\":[]}")
                .build());
        assertThat(provider.getBooleanEvaluation("on", true, ALICE).getErrorCode())
                .isEqualTo(ErrorCode.PROVIDER_NOT_READY);

        provider.initialize(new ImmutableContext());

        assertThat(provider.client()).isNotNull();
        assertThat(provider.getBooleanEvaluation("on", true, ALICE).getErrorCode())
                .isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        provider.shutdown();
    }

    @Test
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.7.1",
            text =
                    "The `provider` **MAY** define a function for tracking the occurrence of a particular user action or application state, with parameters `tracking event name` (string, required), `evaluation context` (optional) and `tracking event details` (optional) which returns nothing.")
    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.5.1",
            text = "The provider **MAY** define a mechanism to gracefully shutdown and dispose of resources.")
    void tracked_events_are_sent_and_shutting_down_twice_is_harmless() {
        BuntingProvider provider = BuntingProvider.on(flags.client());
        provider.track("purchase", ALICE, new MutableTrackingEventDetails(49.9).add("basket", 3));
        provider.track("visit", ALICE, null);

        provider.shutdown();
        provider.shutdown();

        assertThat(flags.sentEvents()).extracting(event -> event.get("event")).containsExactly("purchase", "visit");
        assertThat(flags.sentEvents().getFirst()).containsEntry("value", new BigDecimal("49.9"));
    }

    @Test
    void error_codes_map_one_to_one() {
        for (dev.bunting.domain.evaluation.ErrorCode code : dev.bunting.domain.evaluation.ErrorCode.values()) {
            assertThat(BuntingProvider.errorCode(code).name()).isEqualTo(code.name());
        }
    }

    private static BuntingOptions options(String url) {
        return BuntingOptions.builder(url)
                .sdkKey("bnt_sdk_test")
                .mode(SyncMode.POLLING)
                .initTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static Flag splitFlag() {
        return new Flag(
                new FlagKey("split"),
                "split",
                "",
                List.of(),
                FlagKind.BOOLEAN,
                Flag.booleanVariants(),
                "salt",
                Flag.TARGETING_KEY,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private static FlagConfig splitConfig() {
        return new FlagConfig(
                true,
                VariantKey.FALSE,
                List.of(),
                List.of(),
                new Serve.Percentage(Split.booleanRollout(new BigDecimal(50))));
    }
}
