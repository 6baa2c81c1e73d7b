package dev.bunting.application.measurement;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.MeasurementLog;
import dev.bunting.domain.port.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds server-side exposures and evaluation counts in memory until {@link #flush} writes them in batches. The local
 * runner flushes on a timer and on shutdown; AWS Lambda, which freezes between invocations and must start no thread,
 * flushes at the end of each invocation that exposed a unit, and writes counts at most once per
 * {@code countInterval}. Exposures beyond the capacity, or that a failed flush cannot put back, are dropped and
 * counted, never blocking an evaluation.
 */
public final class MeasurementBuffer {

    private static final Logger LOG = Logger.getLogger(MeasurementBuffer.class.getName());
    /**
     * Exposures written per call: a call is one transaction whose units' upsert costs PostgreSQL per distinct unit, so
     * the more a call holds, the more repeats of a unit it folds into one row (a second's worth at 40,000 a second).
     */
    private static final int BATCH = 10_000;

    private record CountKey(EnvironmentKey environment, FlagKey flag, VariantKey variant, Instant minute) {}

    private final MeasurementLog log;
    private final Clock clock;
    private final Duration countInterval;
    private final BlockingQueue<ExperimentExposure> exposures;
    private final Map<CountKey, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Instant countsWritten;

    /**
     * @param capacity      exposures held at most between flushes
     * @param countInterval the least time between two writes of the counts
     */
    public MeasurementBuffer(MeasurementLog log, Clock clock, int capacity, Duration countInterval) {
        this.log = log;
        this.clock = clock;
        this.countInterval = countInterval;
        this.exposures = new ArrayBlockingQueue<>(capacity);
        this.countsWritten = clock.instant();
    }

    /**
     * Whether the store's committed writes already keep all an exposure of {@code unit} to {@code variant} at
     * {@code at} in {@code run} would tell it, so it need not wait for a flush (see {@link MeasurementLog#absorbs}).
     */
    boolean absorbed(ExperimentRun run, UnitId unit, VariantKey variant, Instant at) {
        return log.absorbs(run, unit, variant, at);
    }

    void expose(ExperimentExposure exposure) {
        if (!exposures.offer(exposure)) {
            dropped.incrementAndGet();
        }
    }

    /** @param minute the minute of the evaluation, truncated already: a bulk evaluation counts thousands in one */
    void count(EnvironmentKey environment, FlagKey flag, VariantKey variant, Instant minute) {
        CountKey key = new CountKey(environment, flag, variant, minute);
        // get never locks; computeIfAbsent may lock the key's bin even when the key is there, as it mostly is
        LongAdder adder = counts.get(key);
        if (adder == null) {
            adder = counts.computeIfAbsent(key, absent -> new LongAdder());
        }
        adder.increment();
    }

    /** Exposures dropped so far because the buffer was full or the store could not take them. */
    public long dropped() {
        return dropped.get();
    }

    /** Exposures waiting for the next flush. */
    public int pending() {
        return exposures.size();
    }

    /**
     * Writes what is held: every exposure, and the counts when {@code countInterval} has passed since they were last
     * written (or {@code always}). A failure leaves what it could not write for the next flush, within capacity.
     */
    public synchronized void flush(boolean always) {
        List<ExperimentExposure> batch = new ArrayList<>(BATCH);
        while (exposures.drainTo(batch, BATCH) > 0) {
            try {
                log.recordExposures(batch);
            } catch (StoreUnavailableException e) {
                putBack(batch);
                LOG.log(Level.WARNING, "exposures wait for the store: " + e.getMessage());
                return;
            }
            batch.clear();
        }
        Instant now = clock.instant();
        if (always || !now.isBefore(countsWritten.plus(countInterval))) {
            writeCounts();
            countsWritten = now;
        }
    }

    private void putBack(List<ExperimentExposure> batch) {
        for (ExperimentExposure exposure : batch) {
            expose(exposure);
        }
    }

    private void writeCounts() {
        Instant thisMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<EvaluationCount> taken = new ArrayList<>();
        for (Map.Entry<CountKey, LongAdder> entry : List.copyOf(counts.entrySet())) {
            CountKey key = entry.getKey();
            // a past minute takes no more increments, so its adder can go; this minute's keeps counting
            LongAdder adder = key.minute().isBefore(thisMinute) ? counts.remove(key) : entry.getValue();
            long count = adder == null ? 0 : adder.sumThenReset();
            if (count > 0) {
                taken.add(new EvaluationCount(key.environment(), key.flag(), key.variant(), key.minute(), count));
            }
        }
        try {
            log.addEvaluationCounts(taken);
        } catch (StoreUnavailableException e) {
            // counts are a usage gauge, not results: put them back for the next flush rather than fail anything
            taken.forEach(c -> counts.computeIfAbsent(
                            new CountKey(c.environment(), c.flag(), c.variant(), c.minute()), k -> new LongAdder())
                    .add(c.count()));
            LOG.log(Level.WARNING, "evaluation counts wait for the store: " + e.getMessage());
        }
    }
}
