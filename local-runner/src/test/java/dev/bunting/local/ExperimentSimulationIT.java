package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole experiment loop over real HTTP on a real runner and PostgreSQL: 20,000 units evaluated with a 50/50
 * split, conversions sent as events, results read back. The evaluation records exposures itself; the statistics must
 * find every unit once, every conversion, and the lift that was simulated.
 */
class ExperimentSimulationIT {

    private static final int UNITS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twenty_thousand_units_are_counted_once_with_every_conversion_and_the_simulated_lift() throws Exception {
        String flag = "checkout-a";
        split_evenly(flag);
        draftAndStart("checkout-a-test", flag);

        Map<String, String> variants = evaluateEveryUnit(flag, "a-");
        // a unit evaluated again, many times, is still one unit
        for (int i = 0; i < 10; i++) {
            assertThat(evaluate(flag, "a-0")).isEqualTo(variants.get("a-0"));
        }
        Map<String, List<String>> byVariant = byVariant(variants);
        int controlBuyers = byVariant.get("false").size() / 10;
        int treatmentBuyers = byVariant.get("true").size() * 12 / 100;
        List<Map<String, Object>> purchases = new ArrayList<>();
        byVariant.get("false").stream().limit(controlBuyers).forEach(unit -> purchases.add(purchase(unit)));
        byVariant.get("true").stream().limit(treatmentBuyers).forEach(unit -> purchases.add(purchase(unit)));
        send(purchases);

        JsonNode phase = resultsOnceCounted("checkout-a-test", UNITS);

        assertThat(units(phase, "false")).isEqualTo(byVariant.get("false").size());
        assertThat(units(phase, "true")).isEqualTo(byVariant.get("true").size());
        assertThat(phase.path("multiple_exposures").path("units").asInt()).isZero();
        JsonNode conversion = phase.path("metrics").get(0).path("variants");
        assertThat(Math.round(conversion.get(0).path("mean").asDouble()
                        * conversion.get(0).path("n").asInt()))
                .isEqualTo(controlBuyers);
        assertThat(Math.round(conversion.get(1).path("mean").asDouble()
                        * conversion.get(1).path("n").asInt()))
                .isEqualTo(treatmentBuyers);
        JsonNode relative = conversion.get(1).path("relative");
        assertThat(relative.path("ci").get(0).asDouble()).isLessThan(0.2);
        assertThat(relative.path("ci").get(1).asDouble()).isGreaterThan(0.2);
        assertThat(phase.path("srm").path("flagged").asBoolean()).isFalse();
    }

    @Test
    void a_unit_evaluated_again_once_stored_writes_nothing_more_and_another_variant_still_marks_it_multiple()
            throws Exception {
        String flag = "checkout-r";
        split_evenly(flag);
        draftAndStart("checkout-r-test", flag);
        String variant = storedOnceFlushed(flag, "r-0");
        // evaluated after r-0 was stored, so stored by a later flush, which starts after r-0's has taught the runner
        storedOnceFlushed(flag, "r-sentinel-1");

        for (int i = 0; i < 10; i++) {
            assertThat(evaluate(flag, "r-0")).isEqualTo(variant);
        }
        // exposures are flushed in the order they were queued: once this one is stored, any repeat queued is too
        storedOnceFlushed(flag, "r-sentinel-2");

        assertThat(server.column("SELECT sum(count) FROM exposures WHERE unit = ?", "r-0"))
                .as("raw exposures of r-0: its first only")
                .containsExactly("1");
        String other = variant.equals("true") ? "false" : "true";
        send(List.of(exposure(flag, "r-0", other)));
        JsonNode phase = resultsOnceCounted("checkout-r-test", 3);
        assertThat(phase.path("multiple_exposures").path("units").asInt()).isEqualTo(1);
    }

    /**
     * Evaluates a unit, then waits until the runner's flush has stored its exposure (it flushes every second).
     *
     * @return the variant it was served
     */
    private static String storedOnceFlushed(String flag, String unit) throws Exception {
        String variant = evaluate(flag, unit);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (server.column("SELECT count(*) FROM experiment_units WHERE unit = ?", unit)
                        .equals(List.of("0"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.column("SELECT count(*) FROM experiment_units WHERE unit = ?", unit))
                .as(unit + " stored")
                .containsExactly("1");
        return variant;
    }

    @Test
    void exposures_lost_from_one_variant_are_flagged_as_a_sample_ratio_mismatch() throws Exception {
        String flag = "checkout-b";
        split_evenly(flag);
        // evaluated while the experiment is a draft, so only the exposures sent below count, as from an SDK that
        // evaluates locally and loses a tenth of one variant's reports
        Map<String, String> variants = evaluateEveryUnit(flag, "b-");
        draftAndStart("checkout-b-test", flag);
        Map<String, List<String>> byVariant = byVariant(variants);
        List<Map<String, Object>> exposures = new ArrayList<>();
        byVariant.get("false").forEach(unit -> exposures.add(exposure(flag, unit, "false")));
        List<String> treatment = byVariant.get("true");
        treatment.stream().skip(treatment.size() / 10).forEach(unit -> exposures.add(exposure(flag, unit, "true")));
        // and one unit that saw both variants
        exposures.add(exposure(flag, byVariant.get("false").getFirst(), "true"));
        send(exposures);

        int expected = byVariant.get("false").size() + treatment.size() - treatment.size() / 10;
        JsonNode phase = resultsOnceCounted("checkout-b-test", expected);

        assertThat(phase.path("srm").path("flagged").asBoolean()).isTrue();
        assertThat(phase.path("srm").path("p_value").asDouble()).isLessThan(0.001);
        assertThat(phase.path("multiple_exposures").path("units").asInt()).isEqualTo(1);
    }

    @Test
    void cuped_narrows_the_interval_when_units_spent_before_exposure_as_they_do_after() throws Exception {
        String flag = "checkout-c";
        split_evenly(flag);
        server.asAdmin("POST", "/experiments", """
                {"key": "checkout-c-test", "name": "Checkout", "flag": "%s", "environment": "staging",
                 "control": "false", "metrics": [{"key": "revenue", "event": "spend", "type": "mean"}]}""".formatted(flag));
        server.asAdmin("POST", "/experiments/checkout-c-test/start", null);
        // each unit spent two days ago about what it spends after its exposure, which is reported first
        Instant before = Instant.now().minus(Duration.ofDays(2));
        List<Map<String, Object>> exposures = new ArrayList<>();
        List<Map<String, Object>> after = new ArrayList<>();
        int units = 2_000;
        for (int i = 0; i < units; i++) {
            String unit = "c-" + i;
            String variant = i % 2 == 0 ? "false" : "true";
            // the same habits in both variants
            double habit = 10 + i / 2 % 10 * 5;
            exposures.add(spend(unit, habit, Optional.of(before)));
            exposures.add(exposure(flag, unit, variant));
            after.add(spend(unit, habit + i % 3 + (variant.equals("true") ? 1 : 0), Optional.empty()));
        }
        send(exposures);
        send(after);
        resultsOnceCounted("checkout-c-test", units);

        JsonNode plain = absolute("checkout-c-test", "false");
        JsonNode adjusted = absolute("checkout-c-test", "true");

        double plainWidth =
                plain.path("ci").get(1).asDouble() - plain.path("ci").get(0).asDouble();
        double adjustedWidth = adjusted.path("ci").get(1).asDouble()
                - adjusted.path("ci").get(0).asDouble();
        assertThat(adjustedWidth).isLessThan(plainWidth / 5);
        assertThat(adjusted.path("ci").get(0).asDouble()).isGreaterThan(0);
        assertThat(plain.path("ci").get(0).asDouble()).isLessThan(0);
    }

    /** The treatment's absolute effect on the first metric, with CUPED or without. */
    private static JsonNode absolute(String experiment, String cuped) {
        JsonNode results = server.asAdmin("GET", "/experiments/" + experiment + "/results?cuped=" + cuped, null)
                .json();
        assertThat(results.path("settings").path("cuped").asText()).isEqualTo(cuped);
        return results.path("phases")
                .get(0)
                .path("metrics")
                .get(0)
                .path("variants")
                .get(1)
                .path("absolute");
    }

    /** A spending event at {@code at}, or when the runner receives it. */
    private static Map<String, Object> spend(String unit, double value, Optional<Instant> at) {
        Map<String, Object> event =
                new HashMap<>(Map.of("type", "track", "event", "spend", "unit", unit, "value", value));
        at.ifPresent(instant -> event.put("timestamp", instant.toString()));
        return event;
    }

    private static void split_evenly(String flag) {
        server.asAdmin("POST", "/flags", "{\"key\": \"" + flag + "\"}");
        server.asAdmin("PATCH", "/flags/" + flag + "/environments/staging/rollout", "{\"percentage\": 50}");
        server.asAdmin("PATCH", "/flags/" + flag + "/environments/staging/toggle", "{\"enabled\": true}");
    }

    private static void draftAndStart(String experiment, String flag) {
        server.asAdmin("POST", "/experiments", """
                {"key": "%s", "name": "Checkout", "flag": "%s", "environment": "staging", "control": "false",
                 "metrics": [{"key": "conversion", "event": "purchase", "type": "binomial"}]}""".formatted(experiment, flag));
        server.asAdmin("POST", "/experiments/" + experiment + "/start", null);
    }

    /** Every unit evaluated once over HTTP, from four client threads; its variant by unit. */
    private static Map<String, String> evaluateEveryUnit(String flag, String prefix) throws Exception {
        Map<String, String> variants = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                int first = client;
                work.add(clients.submit(() -> {
                    for (int i = first; i < UNITS; i += 4) {
                        variants.put(prefix + i, evaluate(flag, prefix + i));
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return variants;
    }

    private static String evaluate(String flag, String unit) throws IOException {
        HttpURLConnection connection = (HttpURLConnection)
                URI.create(server.baseUrl() + "/evaluate/" + flag + "?environment_key=staging&targetingKey=" + unit)
                        .toURL()
                        .openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        try (InputStream body = connection.getInputStream()) {
            return JSON.readTree(body).path("variant").asText();
        }
    }

    private static Map<String, List<String>> byVariant(Map<String, String> variants) {
        return variants.entrySet().stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getValue,
                        Collectors.mapping(
                                Map.Entry::getKey, Collectors.collectingAndThen(Collectors.toList(), units -> {
                                    units.sort(null);
                                    return units;
                                }))));
    }

    private static Map<String, Object> purchase(String unit) {
        return Map.of("type", "track", "event", "purchase", "unit", unit);
    }

    private static Map<String, Object> exposure(String flag, String unit, String variant) {
        return Map.of("type", "exposure", "flag", flag, "variant", variant, "unit", unit);
    }

    /** Sends the events in batches of 500, as an SDK would, each accepted whole. */
    private static void send(List<Map<String, Object>> events) throws IOException {
        for (int from = 0; from < events.size(); from += 500) {
            List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + 500));
            String body = JSON.writeValueAsString(Map.of("environment", "staging", "events", batch));
            TestServer.Reply reply = server.send("POST", "/events", body, null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            assertThat(reply.json().path("accepted").asInt()).isEqualTo(batch.size());
        }
    }

    /**
     * The first phase's results once the runner has flushed every exposure (it flushes every second), asked to wait
     * for the refresh of rollups that a read of this many new units would otherwise leave to the runner's timer.
     */
    private static JsonNode resultsOnceCounted(String experiment, int units) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode results;
        do {
            Thread.sleep(200);
            results = server.asAdmin("GET", "/experiments/" + experiment + "/results?refresh=true", null)
                    .json();
        } while (total(results.path("phases").get(0)) < units && System.nanoTime() < deadline);
        assertThat(results.path("pending").asBoolean()).as("pending").isFalse();
        assertThat(results.path("computed_at").asText()).as("computed_at").isNotEmpty();
        JsonNode phase = results.path("phases").get(0);
        assertThat(total(phase)).as("units counted").isEqualTo(units);
        return phase;
    }

    private static int total(JsonNode phase) {
        int total = phase.path("multiple_exposures").path("units").asInt();
        for (JsonNode variant : phase.path("variants")) {
            total += variant.path("units").asInt();
        }
        return total;
    }

    private static int units(JsonNode phase, String variant) {
        for (JsonNode v : phase.path("variants")) {
            if (v.path("key").asText().equals(variant)) {
                return v.path("units").asInt();
            }
        }
        return 0;
    }
}
