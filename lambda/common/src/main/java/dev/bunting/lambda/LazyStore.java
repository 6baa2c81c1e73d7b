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
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * PostgreSQL, as the store and as measurement, connecting on first use rather than when built. With SnapStart the init phase is snapshotted and
 * restored many times, and sockets opened during init would be dead (or shared) after a restore; connecting on the
 * first request means every restored environment opens its own. A failed connect is not remembered: the next request
 * tries again.
 */
final class LazyStore implements Store, MeasurementLog, ExperimentMeasurements {

    private final Supplier<PostgresStore> connect;
    private volatile PostgresStore connected;

    LazyStore(Supplier<PostgresStore> connect) {
        this.connect = connect;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return store().inTransaction(work);
    }

    @Override
    public boolean isReachable() {
        try {
            return store().isReachable();
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    /**
     * Closes the connections, if any, so none is taken into a snapshot; the next use connects again.
     *
     * @return whether there were connections to close
     */
    synchronized boolean disconnect() {
        PostgresStore open = connected;
        connected = null;
        if (open != null) {
            open.close();
        }
        return open != null;
    }

    /** Whether connections are open now. */
    boolean isConnected() {
        return connected != null;
    }

    @Override
    public void recordExposures(List<ExperimentExposure> exposures) {
        store().measurements().recordExposures(exposures);
    }

    @Override
    public boolean recordBatch(EventBatch batch, List<TrackedEvent> events, List<ExperimentExposure> exposures) {
        return store().measurements().recordBatch(batch, events, exposures);
    }

    @Override
    public void addEvaluationCounts(List<EvaluationCount> counts) {
        store().measurements().addEvaluationCounts(counts);
    }

    @Override
    public PhaseUnits units(Experiment experiment, int phase) {
        return store().measurements().units(experiment, phase);
    }

    @Override
    public Map<VariantKey, SampleMoments> moments(Experiment experiment, int phase, Metric metric) {
        return store().measurements().moments(experiment, phase, metric);
    }

    private PostgresStore store() {
        PostgresStore store = connected;
        if (store == null) {
            synchronized (this) {
                store = connected;
                if (store == null) {
                    store = connect.get();
                    connected = store;
                }
            }
        }
        return store;
    }
}
