package dev.bunting.sdk.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.sdk.BuntingClient;
import dev.bunting.sdk.BuntingContext;
import dev.bunting.sdk.BuntingOptions;
import dev.bunting.sdk.SyncMode;
import dev.bunting.sdk.openfeature.BuntingProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's local answer against the server's: flags covering every operator, negation, case-insensitive matching,
 * individual targets, rules with splits, a custom bucketing attribute and every kind of variant, evaluated for 100,000
 * random contexts (some without a targeting key, some with a targeting key or attributes of the wrong type) by
 * {@code POST /evaluate} on a running local runner and by the SDK on the flag set it fetched, directly and through
 * OpenFeature's client on the Bunting provider (which reads the attributes a flag names from OpenFeature's context
 * when it reads them). Value, variant, reason, rule and error code must be equal for every flag and context.
 */
class AgreementIT {

    private static final int CONTEXTS = 100_000;
    private static final String ENVIRONMENT = "production";

    private static Runner runner;
    private static String sdkKey;

    @BeforeAll
    static void createFlags() {
        runner = Runner.start(Map.of());
        sdkKey = runner.sdkKey(ENVIRONMENT);
        create("{\"key\":\"strings\",\"kind\":\"string\",\"variants\":"
                + variants(
                        "\"in\"", "\"eq\"", "\"contains\"", "\"starts\"", "\"ends\"", "\"matches\"", "\"fallthrough\"")
                + "}");
        runner.putConfig(
                "strings",
                ENVIRONMENT,
                config(
                        true,
                        "v6",
                        "[{\"variant\":\"v0\",\"units\":[\"user-1\",\"user-2\"]}]",
                        rule(
                                        "in",
                                        "{\"attribute\":\"country\",\"operator\":\"in\",\"values\":[\"US\",\"CA\"],\"ignore_case\":true}",
                                        fixed("v0"))
                                + ","
                                + rule(
                                        "eq",
                                        "{\"attribute\":\"plan\",\"operator\":\"eq\",\"values\":[\"enterprise\"]}",
                                        fixed("v1"))
                                + ","
                                + rule(
                                        "contains",
                                        "{\"attribute\":\"email\",\"operator\":\"contains\",\"values\":[\"@corp\"]}",
                                        fixed("v2"))
                                + ","
                                + rule(
                                        "starts",
                                        "{\"attribute\":\"name\",\"operator\":\"starts_with\",\"values\":[\"A\",\"b\"],\"negate\":true}",
                                        fixed("v3"))
                                + ","
                                + rule(
                                        "ends",
                                        "{\"attribute\":\"email\",\"operator\":\"ends_with\",\"values\":[\".org\"]}",
                                        fixed("v4"))
                                + ","
                                + rule(
                                        "matches",
                                        "{\"attribute\":\"code\",\"operator\":\"matches\",\"values\":[\"^[a-f0-9]{4}$\"]}",
                                        fixed("v5")),
                        fixed("v6")));
        create("{\"key\":\"numbers\",\"kind\":\"number\",\"variants\":" + variants("1", "2.5", "-3", "1e3", "0", "42")
                + "}");
        runner.putConfig(
                "numbers",
                ENVIRONMENT,
                config(
                        true,
                        "v4",
                        "[]",
                        rule("gt", "{\"attribute\":\"age\",\"operator\":\"gt\",\"values\":[60]}", fixed("v0"))
                                + ","
                                + rule(
                                        "gte-lte",
                                        "{\"attribute\":\"score\",\"operator\":\"gte\",\"values\":[0.5]},{\"attribute\":\"score\",\"operator\":\"lte\",\"values\":[0.9]}",
                                        fixed("v1"))
                                + ","
                                + rule(
                                        "lt",
                                        "{\"attribute\":\"age\",\"operator\":\"lt\",\"values\":[18]}",
                                        split("v2", 5000, "v3", 5000))
                                + ","
                                + rule(
                                        "exists",
                                        "{\"attribute\":\"beta\",\"operator\":\"exists\",\"values\":[],\"negate\":true}",
                                        fixed("v5")),
                        split("v0", 2000, "v1", 3000, "v2", 5000)));
        create("{\"key\":\"versions\"}");
        runner.putConfig(
                "versions",
                ENVIRONMENT,
                config(
                        true,
                        "false",
                        "[]",
                        rule(
                                        "semver-eq",
                                        "{\"attribute\":\"app\",\"operator\":\"semver_eq\",\"values\":[\"1.2.3\"]}",
                                        fixed("true"))
                                + ","
                                + rule(
                                        "semver-gt",
                                        "{\"attribute\":\"app\",\"operator\":\"semver_gt\",\"values\":[\"4.2.0\"]},{\"attribute\":\"plan\",\"operator\":\"in\",\"values\":[\"pro\",\"free\"]}",
                                        split("true", 7000, "false", 3000))
                                + ","
                                + rule(
                                        "semver-lt",
                                        "{\"attribute\":\"app\",\"operator\":\"semver_lt\",\"values\":[\"0.9.0\"]}",
                                        fixed("false"))
                                + ","
                                + rule(
                                        "before",
                                        "{\"attribute\":\"signup\",\"operator\":\"before\",\"values\":[\"2024-01-01T00:00:00Z\"]}",
                                        fixed("true"))
                                + ","
                                + rule(
                                        "after",
                                        "{\"attribute\":\"signup\",\"operator\":\"after\",\"values\":[\"2026-06-01T00:00:00Z\"]},{\"attribute\":\"beta\",\"operator\":\"eq\",\"values\":[true]}",
                                        fixed("false")),
                        split("true", 5000, "false", 5000)));
        create("{\"key\":\"layout\",\"kind\":\"json\",\"variants\":"
                + variants("{\"columns\":3,\"dense\":true}", "[1,\"two\",null]", "\"plain\"", "null") + "}");
        runner.putConfig(
                "layout",
                ENVIRONMENT,
                config(
                        true,
                        "v3",
                        "[{\"variant\":\"v1\",\"units\":[\"user-7\"]}]",
                        rule(
                                "pro",
                                "{\"attribute\":\"plan\",\"operator\":\"in\",\"values\":[\"pro\",3]}",
                                split("v0", 3333, "v1", 3333, "v2", 3334)),
                        fixed("v2")));
        create("{\"key\":\"by-org\",\"bucket_by\":\"org\"}");
        runner.putConfig(
                "by-org",
                ENVIRONMENT,
                config(
                        true,
                        "false",
                        "[]",
                        rule(
                                "not-acme",
                                "{\"attribute\":\"org\",\"operator\":\"in\",\"values\":[\"acme\"],\"negate\":true},{\"attribute\":\"tags\",\"operator\":\"contains\",\"values\":[\"vip\"]}",
                                fixed("true")),
                        split("true", 3000, "false", 7000)));
        create("{\"key\":\"switched-off\"}");
        create("{\"key\":\"static-on\"}");
        runner.admin("PATCH", "/flags/static-on/environments/" + ENVIRONMENT + "/rollout", "{\"percentage\":100}");
        runner.admin("PATCH", "/flags/static-on/environments/" + ENVIRONMENT + "/toggle", "{\"enabled\":true}");
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void the_sdk_and_the_server_agree_on_every_flag_for_a_hundred_thousand_random_contexts() throws Exception {
        BuntingOptions options = BuntingOptions.builder(runner.baseUrl())
                .sdkKey(sdkKey)
                .mode(SyncMode.POLLING)
                .sendEvents(false)
                .build();
        AtomicLong compared = new AtomicLong();
        AtomicLong comparedThroughOpenFeature = new AtomicLong();
        List<String> disagreements = java.util.Collections.synchronizedList(new ArrayList<>());
        try (BuntingClient client = BuntingClient.start(options)) {
            assertThat(client.allFlags(BuntingContext.of("x"))).hasSize(7);
            OpenFeatureAPI.getInstance().setProviderAndWait("agreement", BuntingProvider.on(client));
            Client openFeature = OpenFeatureAPI.getInstance().getClient("agreement");
            ExecutorService workers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                int first = worker;
                done.add(workers.submit(() -> {
                    for (int i = first; i < CONTEXTS; i += 4) {
                        Map<String, Object> context = randomContext(new Random(i));
                        compare(client, openFeature, context, compared, comparedThroughOpenFeature, disagreements);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            workers.shutdown();
        }

        assertThat(disagreements).as("disagreements").isEmpty();
        assertThat(compared.get()).isEqualTo(7L * CONTEXTS);
        // all but the contexts whose targetingKey is not a string, which an OpenFeature context cannot carry
        assertThat(comparedThroughOpenFeature.get()).isGreaterThan(6L * CONTEXTS);
    }

    /**
     * POST /evaluate, sent once more if the connection closes before any answer. In two CI runs out of five on
     * 2026-12-06, one of this test's 100,000 requests failed so ("header parser received no bytes": a pooled
     * connection the runner closed under it). This test is about answers, not transport, and evaluating is
     * idempotent; why the runner closed the connection is open (stop 21's closing note).
     */
    private static HttpResponse<String> evaluateOnServer(Map<String, Object> body) {
        try {
            return runner.send("POST", "/evaluate", Runner.write(body), Map.of("X-API-Key", sdkKey));
        } catch (UncheckedIOException closed) {
            return runner.send("POST", "/evaluate", Runner.write(body), Map.of("X-API-Key", sdkKey));
        }
    }

    private static void compare(
            BuntingClient client,
            Client openFeature,
            Map<String, Object> context,
            AtomicLong compared,
            AtomicLong comparedThroughOpenFeature,
            List<String> disagreements) {
        List<Evaluation> local = client.allFlags(BuntingContext.of(context));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("context", context);
        HttpResponse<String> response = evaluateOnServer(body);
        JsonNode answer = Runner.read(response.body());
        if (response.statusCode() == 400) {
            for (Evaluation evaluation : local) {
                compared.incrementAndGet();
                if (evaluation.errorCode() == null
                        || !evaluation
                                .errorCode()
                                .name()
                                .equals(answer.path("error_code").asText())) {
                    disagreements.add(context + ": the server refused the context with "
                            + answer.path("error_code").asText() + ", the SDK gave " + evaluation);
                }
            }
            return;
        }
        Map<String, JsonNode> remote = new HashMap<>();
        answer.path("flags").forEach(flag -> remote.put(flag.path("flag_key").asText(), flag));
        if (remote.size() != local.size()) {
            disagreements.add(context + ": the server evaluated " + remote.keySet() + ", the SDK " + local.size());
        }
        EvaluationContext openFeatureContext = openFeatureContext(context);
        for (Evaluation evaluation : local) {
            compared.incrementAndGet();
            JsonNode server = remote.get(evaluation.flagKey());
            if (openFeatureContext != null && server != null) {
                comparedThroughOpenFeature.incrementAndGet();
                FlagEvaluationDetails<?> details = throughOpenFeature(openFeature, evaluation, openFeatureContext);
                String viaOpenFeature = describe(
                        "-",
                        details.getVariant(),
                        details.getReason(),
                        details.getFlagMetadata().getString("ruleId"),
                        details.getErrorCode() == null
                                ? null
                                : details.getErrorCode().name());
                String serverAnswer = describe(
                        "-",
                        text(server, "variant"),
                        text(server, "reason"),
                        text(server, "rule_id"),
                        text(server, "error_code"));
                if (!viaOpenFeature.equals(serverAnswer) && disagreements.size() < 20) {
                    disagreements.add(evaluation.flagKey() + " for " + context + ": through OpenFeature "
                            + viaOpenFeature + ", server " + serverAnswer);
                }
            }
            String mine = describe(
                    canonical(Runner.read(Runner.write(evaluation.value()))),
                    evaluation.variant() == null ? null : evaluation.variant().value(),
                    evaluation.reason().name(),
                    evaluation.ruleId() == null ? null : evaluation.ruleId().value(),
                    evaluation.errorCode() == null
                            ? null
                            : evaluation.errorCode().name());
            String theirs = server == null
                    ? "missing"
                    : describe(
                            canonical(server.path("value")),
                            text(server, "variant"),
                            text(server, "reason"),
                            text(server, "rule_id"),
                            text(server, "error_code"));
            if (!mine.equals(theirs) && disagreements.size() < 20) {
                disagreements.add(evaluation.flagKey() + " for " + context + ": SDK " + mine + ", server " + theirs);
            }
        }
    }

    /** The flag evaluated through OpenFeature's client, with the typed call for its kind (the variant names the value). */
    private static FlagEvaluationDetails<?> throughOpenFeature(
            Client openFeature, Evaluation evaluation, EvaluationContext context) {
        String key = evaluation.flagKey();
        return switch (evaluation.kind()) {
            case BOOLEAN -> openFeature.getBooleanDetails(key, false, context);
            case STRING -> openFeature.getStringDetails(key, "", context);
            case NUMBER -> openFeature.getDoubleDetails(key, 0.0, context);
            case JSON -> openFeature.getObjectDetails(key, new Value(), context);
            case null -> openFeature.getBooleanDetails(key, false, context);
        };
    }

    /**
     * The context as an OpenFeature application would build it: the targeting key as OpenFeature's, every other field
     * an attribute. Null when its targetingKey is not a string, which OpenFeature's context cannot carry.
     */
    private static EvaluationContext openFeatureContext(Map<String, Object> context) {
        Object targetingKey = context.get("targetingKey");
        if (targetingKey != null && !(targetingKey instanceof String)) {
            return null;
        }
        Map<String, Value> attributes = new HashMap<>();
        context.forEach((name, value) -> {
            if (!"targetingKey".equals(name)) {
                attributes.put(name, value(value));
            }
        });
        return new ImmutableContext((String) targetingKey, attributes);
    }

    private static Value value(Object plain) {
        if (plain instanceof List<?> list) {
            return new Value(list.stream().map(AgreementIT::value).toList());
        }
        try {
            return new Value(plain);
        } catch (InstantiationException e) {
            throw new IllegalArgumentException("no OpenFeature value for " + plain, e);
        }
    }

    private static String describe(Object value, String variant, String reason, String rule, String error) {
        return "value=" + value + " variant=" + variant + " reason=" + reason + " rule=" + rule + " error=" + error;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** A JSON value with numbers compared by what they say, so 1000, 1e3 and 1000.0 are one value. */
    private static Object canonical(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(canonical(element)));
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new java.util.TreeMap<>();
            node.properties().forEach(field -> map.put(field.getKey(), canonical(field.getValue())));
            return map;
        }
        return node.isMissingNode() || node.isNull()
                ? null
                : node.isTextual() ? "\"" + node.asText() + "\"" : node.asText();
    }

    /** A context with each attribute present, missing, or of a wrong type, at random. */
    static Map<String, Object> randomContext(Random random) {
        Map<String, Object> context = new LinkedHashMap<>();
        int key = random.nextInt(20);
        if (key == 0) {
            context.put("targetingKey", random.nextBoolean());
        } else if (key == 1) {
            context.put("user_id", random.nextInt(1000));
        } else if (key > 3) {
            context.put(random.nextInt(4) == 0 ? "userId" : "targetingKey", "user-" + random.nextInt(2_000));
        }
        maybe(random, context, "country", "US", "us", "Ca", "FR", 7, true);
        maybe(random, context, "plan", "enterprise", "pro", "free", "Enterprise", 3, List.of("pro"));
        maybe(random, context, "email", "a@corp.example", "b@x.org", "c@example.com", "CORP", 12);
        maybe(random, context, "name", "Alice", "bob", "Carol", "", 1.5);
        maybe(random, context, "code", "a1f9", "ABCD", "12345", "beef", false);
        maybe(random, context, "age", random.nextInt(100), "70", "x", -1, 17.5, true);
        maybe(random, context, "score", random.nextDouble(), 0.5, 0.9, "0.7", false, new BigDecimal("0.90"));
        maybe(random, context, "beta", true, false, "true", 1);
        maybe(random, context, "app", "1.2.3", "4.2.1", "4.10.0", "0.8.9", "v4.3.0", "bad", 5, "4.2.0-beta");
        maybe(
                random,
                context,
                "signup",
                "2023-05-01T10:00:00Z",
                "2026-07-01T00:00:00Z",
                "2025-01-01",
                "never",
                1700000000);
        maybe(random, context, "org", "acme", "globex", "org-" + random.nextInt(50), 12, "");
        maybe(random, context, "tags", List.of("vip"), List.of("a", "vip"), List.of(), "vip", List.of(1, 2));
        return context;
    }

    private static void maybe(Random random, Map<String, Object> context, String name, Object... values) {
        int pick = random.nextInt(values.length + 2);
        if (pick < values.length) {
            context.put(name, values[pick]);
        }
    }

    private static void create(String flag) {
        runner.admin("POST", "/flags", flag);
    }

    private static String variants(String... values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"v")
                    .append(i)
                    .append("\",\"value\":")
                    .append(values[i])
                    .append('}');
        }
        return json.append(']').toString();
    }

    private static String config(boolean enabled, String offVariant, String targets, String rules, String fallthrough) {
        return "{\"enabled\":" + enabled + ",\"off_variant\":\"" + offVariant + "\",\"targets\":" + targets
                + ",\"rules\":[" + rules + "],\"fallthrough\":" + fallthrough + "}";
    }

    private static String rule(String id, String clauses, String serve) {
        return "{\"id\":\"" + id + "\",\"clauses\":[" + clauses + "],\"serve\":" + serve + "}";
    }

    private static String fixed(String variant) {
        return "{\"variant\":\"" + variant + "\"}";
    }

    private static String split(Object... weights) {
        StringBuilder json = new StringBuilder("{\"split\":[");
        for (int i = 0; i < weights.length; i += 2) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"variant\":\"")
                    .append(weights[i])
                    .append("\",\"weight\":")
                    .append(weights[i + 1])
                    .append('}');
        }
        return json.append("]}").toString();
    }
}
