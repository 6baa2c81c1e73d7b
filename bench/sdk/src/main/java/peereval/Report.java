package peereval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the JMH JSON result (run with {@code -prof gc}) as one table: ns/op and B/op for every system and scenario, and
 * each system's ratio to Bunting in the same scenario.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar peereval.Report target/jmh-result.json}
 */
public final class Report {

    private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();
    private static final List<String> ORDER = List.of(
            "bunting", "buntingByKey", "buntingSdk", "buntingSdkOpenFeature", "launchDarkly", "launchDarklyDetail", "launchDarklyEventsOn", "launchDarklyLoop",
            "unleash", "unleashLoop", "flagdOpenFeature", "flagdProviderDirect", "openFeatureSdkOnly", "openFeatureContextRead");
    /** What each row measures, by "scenario/method", falling back to "method". */
    private static final Map<String, String> NOTES = Map.ofEntries(
            Map.entry("bunting", "PreparedFlag.evaluate, flag in hand (= Bunting bench; the x baseline)"),
            Map.entry("buntingByKey", "flag looked up by key, evaluate(ctx, BOOLEAN), as EvaluateFlag"),
            Map.entry("buntingSdk", "Bunting SDK client boolValue(key, default, context)"),
            Map.entry("buntingSdkOpenFeature", "OpenFeature getBooleanValue -> Bunting provider"),
            Map.entry("bulk20/buntingSdk", "Bunting SDK allFlags(context)"),
            Map.entry("bulk20/buntingSdkOpenFeature", "20 x getBooleanValue -> Bunting provider"),
            Map.entry("launchDarkly", "boolVariation, events off"),
            Map.entry("launchDarklyDetail", "boolVariationDetail, events off"),
            Map.entry("launchDarklyEventsOn", "boolVariation, event processor on (sender discards)"),
            Map.entry("unleash", "isEnabled (JNI to Rust; native allocation not counted)"),
            Map.entry("flagdOpenFeature", "OpenFeature getBooleanValue -> flagd in-process"),
            Map.entry("flagdProviderDirect", "flagd provider, no OpenFeature client"),
            Map.entry("openFeatureSdkOnly", "OpenFeature client over a do-nothing provider (the floor)"),
            Map.entry("openFeatureContextRead", "the same, provider reads the merged context once"),
            Map.entry("bulk20/openFeatureSdkOnly", "20 x getBooleanValue -> do-nothing provider (the floor)"),
            Map.entry("bulk20/openFeatureContextRead", "20 x getBooleanValue -> provider reading the context"),
            Map.entry("bulk20/bunting", "20 x PreparedFlag.evaluate into a list (as EvaluateAllFlags)"),
            Map.entry("bulk20/launchDarkly", "allFlagsState (all-flags call), events off"),
            Map.entry("bulk20/launchDarklyLoop", "20 x boolVariation, events off"),
            Map.entry("bulk20/unleash", "more().evaluateAllToggles (all-toggles call)"),
            Map.entry("bulk20/unleashLoop", "20 x isEnabled"),
            Map.entry("bulk20/flagdOpenFeature", "20 x getBooleanValue (OpenFeature has no all-flags call)"));

    static {
        SCENARIOS.put("StaticFlagBenchmark", "static");
        SCENARIOS.put("RulesSplitBenchmark", "rules+split");
        SCENARIOS.put("Bulk20Benchmark", "bulk20");
    }

    private record Row(String scenario, String system, double ns, double error, double bytes, String mode) {
    }

    public static void main(String[] args) throws IOException {
        String path = args.length > 0 ? args[0] : "target/jmh-result.json";
        JsonNode results = new ObjectMapper().readTree(new File(path));
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").asText();
            String[] parts = benchmark.split("\\.");
            String method = parts[parts.length - 1];
            String scenario = SCENARIOS.getOrDefault(parts[parts.length - 2], parts[parts.length - 2]);
            JsonNode primary = result.get("primaryMetric");
            double bytes = Double.NaN;
            JsonNode secondary = result.get("secondaryMetrics");
            if (secondary != null) {
                for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
                    if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                        bytes = metric.getValue().get("score").asDouble();
                    }
                }
            }
            rows.add(new Row(scenario, method, primary.get("score").asDouble(), primary.get("scoreError").asDouble(),
                    bytes, primary.get("scoreUnit").asText()));
        }
        List<String> scenarioOrder = new ArrayList<>(SCENARIOS.values());
        rows.sort(Comparator.<Row>comparingInt(r -> index(scenarioOrder, r.scenario))
                .thenComparingInt(r -> index(ORDER, r.system)));

        System.out.printf("%-12s %-22s %16s %12s %1s %9s %8s %8s  %s%n",
                "scenario", "system", "time/op", "+- (99.9%)", "", "B/op", "x time", "x alloc", "what is measured");
        String current = null;
        Row bunting = null;
        for (Row row : rows) {
            if (!row.scenario.equals(current)) {
                current = row.scenario;
                bunting = rows.stream().filter(r -> r.scenario.equals(row.scenario) && r.system.equals("bunting")).findFirst().orElse(null);
                System.out.println();
            }
            String timeRatio = bunting == null ? "-" : "%.2f".formatted(row.ns / bunting.ns);
            String allocRatio = bunting == null || Double.isNaN(row.bytes) || bunting.bytes < 1 ? "-" : "%.2f".formatted(row.bytes / bunting.bytes);
            String noisy = row.error > 0.25 * row.ns ? "!" : "";
            System.out.printf("%-12s %-22s %16s %12s %1s %9s %8s %8s  %s%n",
                    row.scenario, row.system, "%.1f %s".formatted(row.ns, row.mode), "%.1f".formatted(row.error), noisy,
                    Double.isNaN(row.bytes) ? "n/a" : "%.0f".formatted(row.bytes), timeRatio, allocRatio,
                    NOTES.getOrDefault(row.scenario + "/" + row.system, NOTES.getOrDefault(row.system, "")));
        }
        System.out.println();
        System.out.println("x time / x alloc: this row divided by Bunting's row in the same scenario (lower is faster / leaner).");
        System.out.println("bulk20 rows are per call of 20 flags. B/op is JMH -prof gc's gc.alloc.rate.norm (Java heap only).");
        System.out.println("! : the error is over 25 % of the score: a noisy machine or a benchmark not yet at steady state"
                + " (check its iterations in the JMH log; more warm-up with -wi helps).");
    }

    private static int index(List<String> order, String value) {
        int i = order.indexOf(value);
        return i < 0 ? order.size() : i;
    }
}
