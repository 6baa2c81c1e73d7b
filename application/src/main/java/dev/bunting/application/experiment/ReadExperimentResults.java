package dev.bunting.application.experiment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.MeasurementFreshness;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.Phase;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.statistics.AnalysisSettings;
import dev.bunting.domain.experiment.statistics.Covariate;
import dev.bunting.domain.experiment.statistics.Effect;
import dev.bunting.domain.experiment.statistics.Inference;
import dev.bunting.domain.experiment.statistics.MetricAnalysis;
import dev.bunting.domain.experiment.statistics.PValueCorrection;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.experiment.statistics.SampleRatioMismatch;
import dev.bunting.domain.experiment.statistics.SequentialTesting;
import dev.bunting.domain.experiment.statistics.StatisticsEngine;
import dev.bunting.domain.experiment.statistics.VariantComparison;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An experiment's results, per phase: units per variant with the sample-ratio check against the phase's weights, and
 * each metric of each variant against the control. Multiple-comparison corrections span every metric and variant of a
 * phase, since that is the family of questions a team asks of one result page.
 */
public final class ReadExperimentResults {

    private final Store store;
    private final ExperimentMeasurements measurements;
    private final StatisticsEngine engine;

    @Inject
    public ReadExperimentResults(Store store, ExperimentMeasurements measurements, StatisticsEngine engine) {
        this.store = store;
        this.measurements = measurements;
        this.engine = engine;
    }

    /**
     * @param sequential present for confidence sequences (frequentist only), so results may be read every day
     * @param correction present to adjust p-values across the phase's metrics and variants
     * @param cuped      to adjust each metric by the same metric before exposure (CUPED); off by default, as in
     *                   GrowthBook, and harmless where units have no pre-exposure data (no adjustment is made then)
     */
    public record Settings(
            Inference inference,
            Optional<SequentialTesting> sequential,
            Optional<PValueCorrection> correction,
            boolean cuped) {}

    public record MetricResult(Metric metric, MetricAnalysis analysis) {}

    /**
     * @param variants the variants with weight in the phase, control first
     */
    public record PhaseResult(
            Phase phase,
            List<VariantKey> variants,
            PhaseUnits units,
            SampleRatioMismatch srm,
            List<MetricResult> metrics) {
        public PhaseResult {
            variants = List.copyOf(variants);
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * @param freshness how current the measurements behind the phases are: a read answers at once from the rollups as
     *                  last refreshed when bringing them up to date would take too long
     */
    public record Results(Experiment experiment, List<PhaseResult> phases, MeasurementFreshness freshness) {
        public Results {
            phases = List.copyOf(phases);
        }
    }

    /** Reads results without waiting for a long recompute: see {@link #read(Principal, ExperimentKey, Settings, boolean)}. */
    public Outcome<Results> read(Principal principal, ExperimentKey key, Settings settings) {
        return read(principal, key, settings, false);
    }

    /**
     * @param refresh to bring the measurements up to date first, however long it takes; otherwise the store may answer
     *                from measurements as last refreshed, which the results' freshness says
     */
    public Outcome<Results> read(Principal principal, ExperimentKey key, Settings settings, boolean refresh) {
        Optional<Outcome<Results>> refused = Permissions.refusal(principal, Action.READ);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Experiment> found = store.inTransaction(r -> r.experiments().find(key));
        if (found.isEmpty()) {
            return Outcome.notFound("experiment '" + key + "'");
        }
        Experiment experiment = found.get();
        if (refresh) {
            measurements.refresh(experiment);
        }
        List<PhaseResult> phases = new ArrayList<>();
        for (Phase phase : experiment.phases()) {
            phases.add(phase(experiment, phase, settings));
        }
        return Outcome.done(new Results(experiment, phases, measurements.freshness(experiment)));
    }

    private PhaseResult phase(Experiment experiment, Phase phase, Settings settings) {
        List<Split.Weight> weighted = controlFirst(experiment.control(), phase.split());
        List<VariantKey> variants = weighted.stream().map(Split.Weight::variant).toList();
        List<Double> weights =
                weighted.stream().map(w -> (double) w.basisPoints()).toList();
        PhaseUnits units = measurements.units(experiment, phase.number());
        SampleRatioMismatch srm =
                engine.sampleRatioMismatch(variants.stream().map(units::units).toList(), weights);
        List<MetricResult> metrics = new ArrayList<>();
        for (Metric metric : experiment.metrics()) {
            Map<VariantKey, VariantSample> measured = measurements.samples(experiment, phase.number(), metric);
            List<VariantSample> samples = variants.stream()
                    .map(v -> sample(v, measured, settings.cuped()))
                    .toList();
            metrics.add(new MetricResult(
                    metric,
                    engine.analyze(
                            new AnalysisSettings(
                                    metric.type(),
                                    settings.inference(),
                                    AnalysisSettings.DEFAULT_ALPHA,
                                    settings.sequential(),
                                    Optional.of(weights),
                                    Optional.empty()),
                            samples)));
        }
        return new PhaseResult(
                phase,
                variants,
                units,
                srm,
                settings.correction().map(c -> corrected(metrics, c)).orElse(metrics));
    }

    /** A variant's sample, with its covariate for CUPED and without for the plain analysis; empty if it had no units. */
    private static VariantSample sample(VariantKey variant, Map<VariantKey, VariantSample> measured, boolean cuped) {
        VariantSample sample = measured.getOrDefault(
                variant, VariantSample.of(variant, SampleMoments.EMPTY, new Covariate(SampleMoments.EMPTY, 0)));
        return cuped ? sample : VariantSample.of(variant, sample.outcome());
    }

    /** The phase's variants that got units, the control first and the rest in the split's order. */
    private static List<Split.Weight> controlFirst(VariantKey control, Split split) {
        List<Split.Weight> ordered = new ArrayList<>();
        split.weights().stream().filter(w -> w.variant().equals(control)).forEach(ordered::add);
        split.weights().stream()
                .filter(w -> !w.variant().equals(control) && w.basisPoints() > 0)
                .forEach(ordered::add);
        return ordered;
    }

    /** Adjusts every frequentist p-value of the phase as one family, absolute and relative scales separately. */
    private static List<MetricResult> corrected(List<MetricResult> metrics, PValueCorrection correction) {
        List<Double> absolute = new ArrayList<>();
        List<Double> relative = new ArrayList<>();
        for (MetricResult m : metrics) {
            for (VariantComparison c : m.analysis().variants()) {
                absolute.add(pValue(c.absolute()));
                relative.add(pValue(c.relative()));
            }
        }
        List<Double> adjustedAbsolute = correction.adjust(absolute);
        List<Double> adjustedRelative = correction.adjust(relative);
        List<MetricResult> result = new ArrayList<>();
        int i = 0;
        for (MetricResult m : metrics) {
            List<VariantComparison> comparisons = new ArrayList<>();
            for (VariantComparison c : m.analysis().variants()) {
                comparisons.add(new VariantComparison(
                        c.key(),
                        c.units(),
                        c.mean(),
                        withAdjusted(c.absolute(), adjustedAbsolute.get(i)),
                        withAdjusted(c.relative(), adjustedRelative.get(i))));
                i++;
            }
            MetricAnalysis a = m.analysis();
            result.add(new MetricResult(
                    m.metric(),
                    new MetricAnalysis(a.control(), a.controlUnits(), a.controlMean(), comparisons, a.srm())));
        }
        return result;
    }

    /** An effect without a p-value (Bayesian, or not estimable) takes part as 1, so it never makes others look rarer. */
    private static double pValue(Effect effect) {
        return effect instanceof Effect.Frequentist f ? f.pValue() : 1.0;
    }

    private static Effect withAdjusted(Effect effect, double adjusted) {
        return effect instanceof Effect.Frequentist f
                ? new Effect.Frequentist(f.lift(), f.ci(), f.pValue(), OptionalDouble.of(adjusted), f.standardError())
                : effect;
    }
}
