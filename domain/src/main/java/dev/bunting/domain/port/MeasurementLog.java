package dev.bunting.domain.port;

import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.TrackedEvent;
import java.util.List;

/**
 * Where measurement is written: units' exposures to experiments, tracked events, and evaluation counts. Each call is
 * one round trip to the store, so callers batch. Deduplication is the store's, by its keys, never a process's cache:
 * every instance, runtime and retry agrees on it. Implementations throw {@link StoreUnavailableException} for
 * infrastructure failures, having stored nothing of the call.
 */
public interface MeasurementLog {

    /**
     * Keeps each unit's first exposure per experiment phase, with its variant and time. Seeing the unit again with the
     * same variant changes nothing; with another variant, the unit is marked as exposed to several, and an earlier
     * exposure arriving late becomes the first.
     */
    void recordExposures(List<ExperimentExposure> exposures);

    /**
     * Stores a batch that an SDK or browser sent, once per idempotency key: its tracked events, and its exposures as
     * {@link #recordExposures} does, in one transaction, so a retried batch neither doubles events nor half-lands.
     *
     * @return false when the batch's key was stored before, and nothing was stored now
     */
    boolean recordBatch(EventBatch batch, List<TrackedEvent> events, List<ExperimentExposure> exposures);

    /** Adds the counts to those stored for the same environment, flag, variant and minute. */
    void addEvaluationCounts(List<EvaluationCount> counts);
}
