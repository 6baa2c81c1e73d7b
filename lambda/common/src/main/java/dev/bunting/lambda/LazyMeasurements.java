package dev.bunting.lambda;

import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.MeasurementFreshness;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.MeasurementLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Measurement on the function's PostgreSQL store, reached only when first used, as the store itself is: nothing is
 * opened during init, which SnapStart snapshots. Whether a write already absorbs an exposure is asked of the store only
 * once it is connected: that question is asked while evaluating, where connecting could fail or wait, and a store not
 * connected yet has written nothing this environment could remember.
 */
final class LazyMeasurements implements MeasurementLog, ExperimentMeasurements, MeasurementHistory {

    private final Supplier<? extends MeasurementLog> log;
    private final Supplier<? extends Optional<? extends MeasurementLog>> connectedLog;
    private final Supplier<? extends ExperimentMeasurements> reads;
    private final Supplier<? extends MeasurementHistory> history;

    /** @param connectedLog the log if the store is connected now, without connecting it */
    LazyMeasurements(
            Supplier<? extends MeasurementLog> log,
            Supplier<? extends Optional<? extends MeasurementLog>> connectedLog,
            Supplier<? extends ExperimentMeasurements> reads,
            Supplier<? extends MeasurementHistory> history) {
        this.log = log;
        this.connectedLog = connectedLog;
        this.reads = reads;
        this.history = history;
    }

    /** Measurement on the store's database, connecting it when first used. */
    static LazyMeasurements on(LazyStore<PostgresStore> store) {
        return new LazyMeasurements(
                () -> store.connected().measurements(),
                () -> store.ifConnected().map(PostgresStore::measurements),
                () -> store.connected().measurements(),
                () -> store.connected().history());
    }

    @Override
    public void recordExposures(List<ExperimentExposure> exposures) {
        log.get().recordExposures(exposures);
    }

    @Override
    public boolean absorbs(ExperimentRun run, UnitId unit, VariantKey variant, Instant at) {
        return connectedLog.get().map(l -> l.absorbs(run, unit, variant, at)).orElse(false);
    }

    @Override
    public boolean recordBatch(EventBatch batch, List<TrackedEvent> events, List<ExperimentExposure> exposures) {
        return log.get().recordBatch(batch, events, exposures);
    }

    @Override
    public void addEvaluationCounts(List<EvaluationCount> counts) {
        log.get().addEvaluationCounts(counts);
    }

    @Override
    public PhaseUnits units(Experiment experiment, int phase) {
        return reads.get().units(experiment, phase);
    }

    @Override
    public Map<VariantKey, VariantSample> samples(Experiment experiment, int phase, Metric metric) {
        return reads.get().samples(experiment, phase, metric);
    }

    @Override
    public void refresh(Experiment experiment) {
        reads.get().refresh(experiment);
    }

    @Override
    public MeasurementFreshness freshness(Experiment experiment) {
        return reads.get().freshness(experiment);
    }

    @Override
    public List<VariantCount> evaluations(
            EnvironmentKey environment, FlagKey flag, Instant from, Instant to, TimeBucket bucket) {
        return history.get().evaluations(environment, flag, from, to, bucket);
    }

    @Override
    public List<VariantCount> firstExposuresPerDay(ExperimentKey experiment, int phase) {
        return history.get().firstExposuresPerDay(experiment, phase);
    }
}
