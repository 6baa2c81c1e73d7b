package dev.bunting.lambda;

import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementLog;
import java.util.List;
import java.util.Map;

/** Measurement on the function's PostgreSQL store, which it connects only when first used, as the store does. */
final class LazyMeasurements implements MeasurementLog, ExperimentMeasurements {

    private final LazyStore<PostgresStore> store;

    LazyMeasurements(LazyStore<PostgresStore> store) {
        this.store = store;
    }

    @Override
    public void recordExposures(List<ExperimentExposure> exposures) {
        store.connected().measurements().recordExposures(exposures);
    }

    @Override
    public boolean recordBatch(EventBatch batch, List<TrackedEvent> events, List<ExperimentExposure> exposures) {
        return store.connected().measurements().recordBatch(batch, events, exposures);
    }

    @Override
    public void addEvaluationCounts(List<EvaluationCount> counts) {
        store.connected().measurements().addEvaluationCounts(counts);
    }

    @Override
    public PhaseUnits units(Experiment experiment, int phase) {
        return store.connected().measurements().units(experiment, phase);
    }

    @Override
    public Map<VariantKey, SampleMoments> moments(Experiment experiment, int phase, Metric metric) {
        return store.connected().measurements().moments(experiment, phase, metric);
    }
}
