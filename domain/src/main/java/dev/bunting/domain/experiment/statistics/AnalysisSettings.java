package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * How to analyse one metric of an experiment.
 *
 * @param alpha the false positive rate: intervals cover 1 - alpha; GrowthBook's default is 0.05
 * @param sequential present to use confidence sequences (frequentist only)
 * @param weights the traffic split the variants were given, in their order, for the sample-ratio check; equal
 *     weights when absent
 * @param correction present to adjust the p-values of the variants against control for multiple comparisons
 */
public record AnalysisSettings(
        MetricType metricType,
        Inference inference,
        double alpha,
        Optional<SequentialTesting> sequential,
        Optional<List<Double>> weights,
        Optional<PValueCorrection> correction) {

    public static final double DEFAULT_ALPHA = 0.05;

    public AnalysisSettings {
        if (metricType == null || inference == null || sequential == null || weights == null || correction == null) {
            throw InvalidInputException.of("settings", "required", "metric_type and engine are required");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidInputException.of("alpha", "out_of_range", "alpha must lie strictly between 0 and 1");
        }
        if (sequential.isPresent() && inference == Inference.BAYESIAN) {
            throw InvalidInputException.of(
                    "sequential", "not_applicable", "sequential testing applies to the frequentist engine only");
        }
        weights = weights.map(AnalysisSettings::validWeights);
    }

    /** A fixed-horizon analysis at alpha 0.05, equal weights, no correction: GrowthBook's defaults. */
    public static AnalysisSettings defaults(MetricType metricType, Inference inference) {
        return new AnalysisSettings(
                metricType, inference, DEFAULT_ALPHA, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AnalysisSettings withAlpha(double newAlpha) {
        return new AnalysisSettings(metricType, inference, newAlpha, sequential, weights, correction);
    }

    public AnalysisSettings withSequential(SequentialTesting newSequential) {
        return new AnalysisSettings(metricType, inference, alpha, Optional.of(newSequential), weights, correction);
    }

    public AnalysisSettings withWeights(List<Double> newWeights) {
        return new AnalysisSettings(metricType, inference, alpha, sequential, Optional.of(newWeights), correction);
    }

    public AnalysisSettings withCorrection(PValueCorrection newCorrection) {
        return new AnalysisSettings(metricType, inference, alpha, sequential, weights, Optional.of(newCorrection));
    }

    private static List<Double> validWeights(List<Double> weights) {
        double total = 0;
        for (int i = 0; i < weights.size(); i++) {
            Double w = weights.get(i);
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw InvalidInputException.of(
                        "weights[" + i + "]", "invalid", "a weight must be a finite number, zero or more");
            }
            total += w;
        }
        if (!(total > 0)) {
            throw InvalidInputException.of("weights", "invalid", "at least one weight must be positive");
        }
        return List.copyOf(weights);
    }
}
