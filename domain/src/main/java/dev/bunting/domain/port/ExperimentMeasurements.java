package dev.bunting.domain.port;

import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.MeasurementFreshness;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.VariantKey;
import java.util.Map;

/**
 * The read side of measurement: what an experiment's results are computed from, for an experiment the store holds.
 * Each answer costs work proportional to the variants and metrics, not to the events, where the store keeps rollups.
 * An answer reflects every write the store acknowledged before it was asked, unless bringing the rollups up to date
 * would take longer than a read may: then it answers from the rollups as last computed, and {@link #freshness} says so.
 */
public interface ExperimentMeasurements {

    PhaseUnits units(Experiment experiment, int phase);

    /**
     * The metric per variant over the phase's units that saw one variant: each unit's value is what its events within
     * the metric's window after its first exposure add up to (1 or 0 for a binomial metric). Every sample carries the
     * CUPED covariate over the same units: the same metric measured on each unit's events in the
     * {@link Metric#PRE_EXPOSURE_LOOKBACK} before its first exposure, zero for a unit without any.
     */
    Map<VariantKey, VariantSample> samples(Experiment experiment, int phase, Metric metric);

    /**
     * Brings the experiment's measurements up to date with every acknowledged write, however long that takes: for a
     * reader who asked to wait for exact results.
     */
    void refresh(Experiment experiment);

    /** How current the answers of {@link #units} and {@link #samples} for the experiment are, asked after them. */
    MeasurementFreshness freshness(Experiment experiment);
}
