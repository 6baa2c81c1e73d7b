package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ProbabilityDistributions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The experiment statistics engine: a pure function of each variant's sufficient statistics, so a result costs work
 * proportional to variants, not to events. Its numbers agree with GrowthBook's gbstats (docs/statistics.md).
 */
public final class StatisticsEngine {

    /** More variants than this in one analysis is not an experiment but a mistake. */
    public static final int MAX_VARIANTS = 100;

    private final ProbabilityDistributions distributions;
    private final WelchTest welch;
    private final GaussianPosterior posterior;

    public StatisticsEngine(ProbabilityDistributions distributions) {
        this.distributions = distributions;
        this.welch = new WelchTest(distributions);
        this.posterior = new GaussianPosterior(distributions);
    }

    /**
     * Compares every variant after the first (the control) with the control on one metric.
     *
     * @throws InvalidInputException when there are fewer than two variants, a key repeats, the weights do not match
     *     the variants, only some variants have a covariate, or a binomial variant has more conversions than units
     */
    public MetricAnalysis analyze(AnalysisSettings settings, List<VariantSample> variants) {
        validate(settings, variants);
        VariantSample control = variants.getFirst();
        List<VariantComparison> comparisons = new ArrayList<>();
        for (VariantSample treatment : variants.subList(1, variants.size())) {
            comparisons.add(compare(settings, control, treatment));
        }
        if (settings.correction().isPresent()) {
            comparisons = corrected(comparisons, settings.correction().get());
        }
        List<Long> units = variants.stream().map(v -> v.outcome().n()).toList();
        List<Double> weights = settings.weights().orElseGet(() -> Collections.nCopies(variants.size(), 1.0));
        return new MetricAnalysis(
                control.key(),
                control.outcome().n(),
                control.outcome().mean(),
                comparisons,
                sampleRatioMismatch(units, weights));
    }

    /**
     * Pearson's chi-squared test of the units exposed to each variant against the share its weight promises (gbstats'
     * check_srm; variants of weight 0 are left out of the statistic), flagged below p = 0.001 once every variant has
     * at least 8 units.
     */
    public SampleRatioMismatch sampleRatioMismatch(List<Long> units, List<Double> weights) {
        if (units.size() < 2 || units.size() != weights.size()) {
            throw InvalidInputException.of(
                    "weights", "size_mismatch", "give one weight per variant, and at least two variants");
        }
        double totalUnits = units.stream().mapToLong(Long::longValue).sum();
        if (totalUnits == 0) {
            return new SampleRatioMismatch(1, false);
        }
        double totalWeight = weights.stream().mapToDouble(Double::doubleValue).sum();
        double statistic = 0;
        for (int i = 0; i < units.size(); i++) {
            if (weights.get(i) <= 0) {
                continue;
            }
            double expected = weights.get(i) / totalWeight * totalUnits;
            statistic += Math.pow(units.get(i) - expected, 2) / expected;
        }
        double pValue = distributions.chiSquaredSurvival(statistic, units.size() - 1);
        boolean enoughUnits = units.stream().allMatch(n -> n >= SampleRatioMismatch.MINIMUM_UNITS);
        return new SampleRatioMismatch(pValue, enoughUnits && pValue < SampleRatioMismatch.THRESHOLD);
    }

    private VariantComparison compare(AnalysisSettings settings, VariantSample control, VariantSample treatment) {
        MetricType type = settings.metricType();
        double theta = Arm.theta(type, control, treatment);
        Arm a = Arm.of(type, control, theta);
        Arm b = Arm.of(type, treatment, theta);
        return new VariantComparison(
                treatment.key(),
                treatment.outcome().n(),
                treatment.outcome().mean(),
                effect(settings, a, b, false),
                effect(settings, a, b, true));
    }

    private Effect effect(AnalysisSettings settings, Arm control, Arm treatment, boolean relative) {
        var whyNot = EffectEstimate.whyNotEstimable(control, treatment, relative);
        if (whyNot.isPresent()) {
            return new Effect.NotEstimable(whyNot.get());
        }
        EffectEstimate estimate = EffectEstimate.of(control, treatment, relative);
        return switch (settings.inference()) {
            case FREQUENTIST ->
                settings.sequential()
                        .map(s -> ConfidenceSequence.test(estimate, control.n() + treatment.n(), settings.alpha(), s))
                        .orElseGet(() -> welch.test(estimate, control, treatment, settings.alpha()));
            case BAYESIAN -> posterior.posterior(estimate, settings.alpha());
        };
    }

    /** Adjusts the absolute p-values as one family and the relative ones as another. */
    private static List<VariantComparison> corrected(List<VariantComparison> comparisons, PValueCorrection correction) {
        List<Effect> absolute = adjusted(comparisons, VariantComparison::absolute, correction);
        List<Effect> relative = adjusted(comparisons, VariantComparison::relative, correction);
        List<VariantComparison> result = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            VariantComparison c = comparisons.get(i);
            result.add(new VariantComparison(c.key(), c.units(), c.mean(), absolute.get(i), relative.get(i)));
        }
        return result;
    }

    private static List<Effect> adjusted(
            List<VariantComparison> comparisons,
            Function<VariantComparison, Effect> scale,
            PValueCorrection correction) {
        List<Effect> effects = comparisons.stream().map(scale).toList();
        List<Double> pValues = effects.stream()
                .filter(Effect.Frequentist.class::isInstance)
                .map(e -> ((Effect.Frequentist) e).pValue())
                .toList();
        if (pValues.isEmpty()) {
            return effects;
        }
        var adjustedPValues = correction.adjust(pValues).iterator();
        return effects.stream()
                .map(e -> e instanceof Effect.Frequentist f
                        ? new Effect.Frequentist(
                                f.lift(),
                                f.ci(),
                                f.pValue(),
                                OptionalDouble.of(adjustedPValues.next()),
                                f.standardError())
                        : e)
                .toList();
    }

    private static void validate(AnalysisSettings settings, List<VariantSample> variants) {
        if (variants == null || variants.size() < 2) {
            throw InvalidInputException.of("variants", "too_few", "give the control and at least one other variant");
        }
        if (variants.size() > MAX_VARIANTS) {
            throw InvalidInputException.of(
                    "variants", "too_many", "variants may hold at most " + MAX_VARIANTS + " entries");
        }
        if (settings.weights().isPresent() && settings.weights().get().size() != variants.size()) {
            throw InvalidInputException.of("weights", "size_mismatch", "give one weight per variant, in their order");
        }
        var keys = new HashSet<VariantKey>();
        boolean withCovariate = variants.getFirst().covariate().isPresent();
        for (int i = 0; i < variants.size(); i++) {
            VariantSample v = variants.get(i);
            String field = "variants[" + i + "]";
            if (!keys.add(v.key())) {
                throw InvalidInputException.of(field + ".key", "duplicate", "each variant may appear only once");
            }
            if (v.covariate().isPresent() != withCovariate) {
                throw InvalidInputException.of(
                        field + ".covariate", "mixed", "give a covariate for every variant or for none");
            }
            if (settings.metricType() == MetricType.BINOMIAL && !binomial(v.outcome())) {
                throw InvalidInputException.of(
                        field + ".sum", "out_of_range", "a binomial metric's conversions lie between 0 and n");
            }
        }
    }

    private static boolean binomial(SampleMoments moments) {
        return moments.sum() >= 0 && moments.sum() <= moments.n();
    }
}
