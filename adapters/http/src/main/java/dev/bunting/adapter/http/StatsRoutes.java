package dev.bunting.adapter.http;

import dev.bunting.domain.experiment.statistics.AnalysisSettings;
import dev.bunting.domain.experiment.statistics.Inference;
import dev.bunting.domain.experiment.statistics.MetricAnalysis;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.PValueCorrection;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.experiment.statistics.SequentialTesting;
import dev.bunting.domain.experiment.statistics.StatisticsEngine;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.VariantKey;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /stats/analyze}: the statistics engine on its own, for teams whose events live in their own warehouse.
 * Sums in, the same analysis experiments' results show out; nothing is stored.
 */
final class StatsRoutes implements RouteGroup {

    private final StatisticsEngine engine;
    private final Responses responses;

    @Inject
    StatsRoutes(StatisticsEngine engine, Responses responses) {
        this.engine = engine;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("POST", "/stats/analyze", Access.SIGNED, this::analyze));
    }

    record SequentialBody(Double tuning) {}

    record VariantBody(String key, Long n, Double sum, Double sumSquares) {}

    record AnalyzeBody(
            String metricType,
            String engine,
            SequentialBody sequential,
            Double alpha,
            List<Double> weights,
            String correction,
            List<VariantBody> variants) {}

    private ApiResponse analyze(Route.Call call) {
        AnalyzeBody body = call.json().read(call.request().body(), AnalyzeBody.class);
        MetricType type =
                switch (ExperimentRoutes.required("metric_type", body.metricType())) {
                    case "binomial" -> MetricType.BINOMIAL;
                    case "mean" -> MetricType.MEAN;
                    default ->
                        throw new ProblemException(Problem.badRequest(
                                "metric_type", "invalid_value", "metric_type must be binomial or mean"));
                };
        Inference inference =
                switch (body.engine() == null ? "frequentist" : body.engine()) {
                    case "frequentist" -> Inference.FREQUENTIST;
                    case "bayesian" -> Inference.BAYESIAN;
                    default ->
                        throw new ProblemException(Problem.badRequest(
                                "engine", "invalid_value", "engine must be frequentist or bayesian"));
                };
        Optional<SequentialTesting> sequential = Optional.ofNullable(body.sequential())
                .map(s ->
                        s.tuning() == null ? SequentialTesting.withDefaultTuning() : new SequentialTesting(s.tuning()));
        Optional<PValueCorrection> correction = Optional.ofNullable(body.correction())
                .filter(c -> !c.equals("none"))
                .map(c -> switch (c) {
                    case "holm-bonferroni" -> PValueCorrection.HOLM_BONFERRONI;
                    case "benjamini-hochberg" -> PValueCorrection.BENJAMINI_HOCHBERG;
                    default ->
                        throw new ProblemException(Problem.badRequest(
                                "correction",
                                "invalid_value",
                                "correction must be holm-bonferroni, benjamini-hochberg or none"));
                });
        AnalysisSettings settings = new AnalysisSettings(
                type,
                inference,
                body.alpha() == null ? AnalysisSettings.DEFAULT_ALPHA : body.alpha(),
                sequential,
                Optional.ofNullable(body.weights()),
                correction);
        MetricAnalysis analysis = engine.analyze(settings, samples(type, body.variants()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("variants", ResultRepresentations.variants(analysis));
        answer.put("srm", ResultRepresentations.srm(analysis.srm()));
        return responses.json(200, answer);
    }

    private static List<VariantSample> samples(MetricType type, List<VariantBody> variants) {
        if (variants == null) {
            throw new ProblemException(Problem.badRequest("variants", "required", "variants is required"));
        }
        if (variants.size() > StatisticsEngine.MAX_VARIANTS) {
            throw new ProblemException(Problem.badRequest(
                    "variants", "too_many", "at most " + StatisticsEngine.MAX_VARIANTS + " variants"));
        }
        List<VariantSample> samples = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            VariantBody v = variants.get(i);
            String path = "variants[" + i + "]";
            if (v == null || v.n() == null || v.sum() == null) {
                throw new ProblemException(Problem.badRequest(path, "required", path + " needs key, n and sum"));
            }
            VariantKey key = new VariantKey(ExperimentRoutes.required(path + ".key", v.key()));
            SampleMoments moments;
            if (v.sumSquares() != null) {
                moments = new SampleMoments(v.n(), v.sum(), v.sumSquares());
            } else if (type == MetricType.BINOMIAL) {
                moments = SampleMoments.ofConversions(v.n(), v.sum());
            } else {
                throw new ProblemException(
                        Problem.badRequest(path + ".sum_squares", "required", "a mean metric needs sum_squares"));
            }
            samples.add(VariantSample.of(key, moments));
        }
        return samples;
    }
}
