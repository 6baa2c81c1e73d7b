package dev.bunting.domain.port;

import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.flag.VariantKey;
import java.time.Instant;
import java.util.List;

/**
 * Where measurement is written: units' exposures to experiments, tracked events, and evaluation counts. Each call is
 * one round trip to the store, so callers batch. Deduplication is the store's, by its keys, never a process's cache:
 * every instance, runtime and retry agrees on it. A process may only leave out an exposure that {@link #absorbs} says
 * a committed write already keeps. Implementations throw {@link StoreUnavailableException} for infrastructure failures,
 * having stored nothing of the call.
 */
public interface MeasurementLog {

    /**
     * Keeps each unit's first exposure per experiment phase, with its variant and time. Seeing the unit again with the
     * same variant changes nothing; with another variant, the unit is marked as exposed to several, and an earlier
     * exposure arriving late becomes the first.
     */
    void recordExposures(List<ExperimentExposure> exposures);

    /**
     * Whether a write of this process that the store committed already keeps all that recording this exposure would
     * tell it: the unit's first exposure in the run is no later than {@code at}, and it saw {@code variant} alone or
     * was marked multiple. Such an exposure would change no unit's first exposure or mark, so a caller may leave it
     * out; the raw log then holds no row for it. Answered from memory, without I/O, never throwing: a unit the process
     * does not remember (never written by it, forgotten, written by another process) is not absorbed, which costs a
     * write and never a lost or inflated exposure.
     */
    boolean absorbs(ExperimentRun run, UnitId unit, VariantKey variant, Instant at);

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
