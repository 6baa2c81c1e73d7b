package dev.bunting.adapter.http;

import dev.bunting.application.experiment.ReadExperimentResults;
import dev.bunting.application.experiment.ReadExperimentResults.MetricResult;
import dev.bunting.application.experiment.ReadExperimentResults.PhaseResult;
import dev.bunting.domain.experiment.ExperimentDocuments;
import dev.bunting.domain.experiment.statistics.Effect;
import dev.bunting.domain.experiment.statistics.Interval;
import dev.bunting.domain.experiment.statistics.MetricAnalysis;
import dev.bunting.domain.experiment.statistics.SampleRatioMismatch;
import dev.bunting.domain.experiment.statistics.VariantComparison;
import dev.bunting.domain.flag.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment results and engine analyses on the wire. Every effect has the same fields whichever engine made it, null
 * where the engine does not give one, so clients read one shape; a bound the data leaves unbounded (an early
 * confidence sequence) is null, as JSON has no infinity.
 */
final class ResultRepresentations {

    private ResultRepresentations() {}

    static Map<String, Object> results(ReadExperimentResults.Results results, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment", results.experiment().key().value());
        body.put("status", ExperimentDocuments.wire(results.experiment().status()));
        body.put("settings", settings);
        body.put(
                "computed_at",
                results.freshness().computedAt().map(Instant::toString).orElse(null));
        body.put("pending", results.freshness().pending());
        body.put(
                "phases",
                results.phases().stream().map(ResultRepresentations::phase).toList());
        return body;
    }

    private static Map<String, Object> phase(PhaseResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phase", result.phase().number());
        body.put("started_at", result.phase().startedAt().toString());
        body.put("ended_at", result.phase().endedAt().map(Instant::toString).orElse(null));
        Map<String, Object> weights = new LinkedHashMap<>();
        for (Split.Weight weight : result.phase().split().weights()) {
            weights.put(weight.variant().value(), weight.basisPoints());
        }
        body.put("weights", weights);
        body.put(
                "variants",
                result.variants().stream()
                        .map(v -> ordered(
                                "key", v.value(), "units", result.units().units(v)))
                        .toList());
        body.put(
                "multiple_exposures",
                ordered(
                        "units",
                        result.units().multiple(),
                        "share",
                        result.units().multipleShare()));
        body.put("srm", srm(result.srm()));
        body.put(
                "metrics",
                result.metrics().stream().map(ResultRepresentations::metric).toList());
        return body;
    }

    private static Map<String, Object> metric(MetricResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", result.metric().key().value());
        body.put("event", result.metric().event().value());
        body.put("type", ExperimentDocuments.wire(result.metric().type()));
        body.put("role", ExperimentDocuments.wire(result.metric().role()));
        body.put("variants", variants(result.analysis()));
        return body;
    }

    /** The control first, with its units and mean; then each variant with its effects against the control. */
    static List<Map<String, Object>> variants(MetricAnalysis analysis) {
        List<Map<String, Object>> variants = new ArrayList<>();
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("key", analysis.control().value());
        control.put("control", true);
        control.put("n", analysis.controlUnits());
        control.put("mean", analysis.controlMean());
        variants.add(control);
        for (VariantComparison comparison : analysis.variants()) {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("key", comparison.key().value());
            variant.put("control", false);
            variant.put("n", comparison.units());
            variant.put("mean", comparison.mean());
            variant.put("absolute", effect(comparison.absolute()));
            variant.put("relative", effect(comparison.relative()));
            variants.add(variant);
        }
        return variants;
    }

    static Map<String, Object> srm(SampleRatioMismatch srm) {
        return ordered("p_value", srm.pValue(), "flagged", srm.flagged());
    }

    static Map<String, Object> effect(Effect effect) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (effect) {
            case Effect.Frequentist f -> {
                body.put("lift", f.lift());
                body.put("ci", interval(f.ci()));
                body.put("p_value", f.pValue());
                body.put(
                        "adjusted_p_value",
                        f.adjustedPValue().isPresent() ? f.adjustedPValue().getAsDouble() : null);
                body.put("chance_to_win", null);
                body.put("expected_loss", null);
                body.put("standard_error", f.standardError());
            }
            case Effect.Bayesian b -> {
                body.put("lift", b.lift());
                body.put("ci", interval(b.ci()));
                body.put("p_value", null);
                body.put("adjusted_p_value", null);
                body.put("chance_to_win", b.chanceToWin());
                body.put(
                        "expected_loss",
                        ordered(
                                "control",
                                b.expectedLoss().ofShippingControl(),
                                "variant",
                                b.expectedLoss().ofShippingTreatment()));
                body.put("standard_error", b.standardError());
            }
            case Effect.NotEstimable n -> {
                body.put("lift", null);
                body.put("ci", null);
                body.put("p_value", null);
                body.put("adjusted_p_value", null);
                body.put("chance_to_win", null);
                body.put("expected_loss", null);
                body.put("standard_error", null);
                body.put("not_estimable", ExperimentDocuments.wire(n.reason()));
            }
        }
        return body;
    }

    private static List<Double> interval(Interval interval) {
        return Arrays.asList(finite(interval.lower()), finite(interval.upper()));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
