package dev.bunting.adapter.postgres;

import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.MeasurementFreshness;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Measurement on PostgreSQL. Every batch is one statement per table, over arrays ({@code unnest}) or, for raw exposures,
 * {@code COPY}, so a batch of 500 costs a few round trips, not 500. Raw exposures fold a batch's repeats of one
 * exposure into a row with their count. Deduplication is the primary key of {@code experiment_units}: a batch is first
 * reduced to one row per unit (its earliest exposure, marked multiple if it saw several variants), less the units this
 * process knows a stored row absorbs ({@link KnownUnits}), and sorted, so that concurrent batches lock rows in the same
 * order and cannot deadlock.
 */
public final class PostgresMeasurements implements MeasurementLog, ExperimentMeasurements {

    private static final int DAYS_MADE_AHEAD = 2;

    private final Jdbi jdbi;
    private final DailyPartitions exposurePartitions;
    private final DailyPartitions eventPartitions;
    private final PostgresRollups rollups;
    private final KnownUnits knownUnits;

    /**
     * The most units of stale days a results read recomputes before it answers: at about 25 microseconds a unit with
     * its events (bench/results-latency.sh on 2 shared cores), 10,000 keep the read well under a second.
     */
    static final long QUICK_REFRESH_UNITS = 10_000;

    PostgresMeasurements(Jdbi jdbi) {
        this(jdbi, QUICK_REFRESH_UNITS, new KnownUnits(KnownUnits.CAPACITY));
    }

    private PostgresMeasurements(Jdbi jdbi, long quickRefreshUnits, KnownUnits knownUnits) {
        this.jdbi = jdbi;
        this.knownUnits = knownUnits;
        this.exposurePartitions = new DailyPartitions(jdbi, "exposures");
        this.eventPartitions = new DailyPartitions(jdbi, "tracked_events");
        this.rollups = new PostgresRollups(jdbi, quickRefreshUnits);
    }

    /**
     * The same store, whose results reads recompute stale rollups before answering only while the stale days hold at
     * most {@code units} units, and otherwise answer from the rollups as last refreshed.
     */
    public PostgresMeasurements withQuickRefreshUnits(long units) {
        return new PostgresMeasurements(jdbi, units, knownUnits);
    }

    @Override
    public void recordExposures(List<ExperimentExposure> exposures) {
        if (exposures.isEmpty()) {
            return;
        }
        Guard.call("record exposures", () -> {
            Collection<ExposureFold> folds = ExposureFold.of(exposures);
            exposurePartitions.ensure(days(folds, ExposureFold::first));
            List<FirstExposure> unabsorbed = knownUnits.notAbsorbed(firstPerUnit(folds));
            jdbi.useTransaction(handle -> {
                ExposureCopy.copy(handle, folds);
                upsertUnits(handle, unabsorbed);
            });
            knownUnits.committed(unabsorbed);
            return unabsorbed.size();
        });
    }

    @Override
    public boolean absorbs(ExperimentRun run, UnitId unit, VariantKey variant, Instant at) {
        return knownUnits.absorbs(run.experiment().value(), run.phase(), unit.value(), variant.value(), at);
    }

    @Override
    public boolean recordBatch(EventBatch batch, List<TrackedEvent> events, List<ExperimentExposure> exposures) {
        return Guard.call("record a batch of events", () -> {
            Collection<ExposureFold> folds = ExposureFold.of(exposures);
            eventPartitions.ensure(days(events, TrackedEvent::at));
            exposurePartitions.ensure(days(folds, ExposureFold::first));
            List<FirstExposure> unabsorbed = knownUnits.notAbsorbed(firstPerUnit(folds));
            boolean stored = jdbi.inTransaction(handle -> {
                if (batch.idempotencyKey().isPresent() && !claim(handle, batch)) {
                    return false;
                }
                insertEvents(handle, events);
                if (!folds.isEmpty()) {
                    ExposureCopy.copy(handle, folds);
                    upsertUnits(handle, unabsorbed);
                }
                return true;
            });
            if (stored) {
                knownUnits.committed(unabsorbed);
            }
            return stored;
        });
    }

    @Override
    public void addEvaluationCounts(List<EvaluationCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        List<EvaluationCount> sorted = counts.stream()
                .sorted(Comparator.comparing(
                                (EvaluationCount c) -> c.environment().value())
                        .thenComparing(c -> c.flag().value())
                        .thenComparing(c -> c.variant().value())
                        .thenComparing(EvaluationCount::minute))
                .toList();
        Guard.call(
                "add evaluation counts",
                () -> jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO evaluation_counts AS c (environment, flag, variant, minute, count)
                        SELECT environment, flag, variant, minute::timestamptz, count
                        FROM unnest(:environments, :flags, :variants, :minutes, :counts)
                            AS t(environment, flag, variant, minute, count)
                        ON CONFLICT (environment, flag, variant, minute) DO UPDATE SET count = c.count + excluded.count""")
                        .bindArray(
                                "environments",
                                String.class,
                                column(sorted, c -> c.environment().value()))
                        .bindArray(
                                "flags",
                                String.class,
                                column(sorted, c -> c.flag().value()))
                        .bindArray(
                                "variants",
                                String.class,
                                column(sorted, c -> c.variant().value()))
                        .bindArray(
                                "minutes",
                                String.class,
                                column(sorted, c -> c.minute().toString()))
                        .bindArray("counts", Long.class, column(sorted, EvaluationCount::count))
                        .execute()));
    }

    @Override
    public PhaseUnits units(Experiment experiment, int phase) {
        return rollups.units(experiment, phase);
    }

    @Override
    public Map<VariantKey, VariantSample> samples(Experiment experiment, int phase, Metric metric) {
        return rollups.samples(experiment, phase, metric);
    }

    @Override
    public void refresh(Experiment experiment) {
        rollups.refresh(experiment.key());
    }

    @Override
    public MeasurementFreshness freshness(Experiment experiment) {
        return rollups.freshness(experiment.key());
    }

    /**
     * Brings the experiments' rollups up to date with what was written, so that results read later find little to do;
     * once the deadline has passed, it starts on no further experiment.
     */
    public RollupUpkeep refreshStaleRollups(UpkeepDeadline deadline) {
        return rollups.refreshStale(deadline);
    }

    /**
     * Keeps each unit's first exposure. A unit seen again is the common case, and its stored row usually says all the
     * new exposure would (no earlier time, the same variant, or already multiple): such rows are neither written nor
     * locked. That check needs no lock to be safe, since a stored row only ever moves earlier or becomes multiple, so
     * an exposure it absorbs now stays absorbed whatever a concurrent writer does. The check is a lateral subquery
     * with a limit, which the planner cannot turn into a join: knowing a batch's size, it would rather sort or hash the
     * whole table than probe its key once per unit. The units' digests are computed here, where MD5 costs a fraction
     * of what PostgreSQL's {@code md5(text)} does.
     */
    private static void upsertUnits(Handle handle, List<FirstExposure> firsts) {
        if (firsts.isEmpty()) {
            return;
        }
        handle.createUpdate("""
                INSERT INTO experiment_units AS u
                    (experiment, phase, unit_digest, unit, variant, first_exposed_at, multiple)
                SELECT experiment, phase, digest, unit, variant, at, multiple FROM (
                    SELECT experiment, phase, decode(digest, 'hex') AS digest, unit, variant, at::timestamptz AS at,
                           multiple
                    FROM unnest(:experiments, :phases, :digests, :units, :variants, :ats, :multiples)
                        AS t(experiment, phase, digest, unit, variant, at, multiple)
                ) t
                LEFT JOIN LATERAL (
                    SELECT true AS absorbed FROM experiment_units k
                    WHERE k.experiment = t.experiment AND k.phase = t.phase AND k.unit_digest = t.digest
                      AND k.first_exposed_at <= t.at AND (k.multiple OR (k.variant = t.variant AND NOT t.multiple))
                    LIMIT 1
                ) stored ON true
                WHERE stored.absorbed IS NULL
                ORDER BY experiment, phase, digest
                ON CONFLICT (experiment, phase, unit_digest) DO UPDATE SET
                    multiple = u.multiple OR excluded.multiple OR u.variant <> excluded.variant,
                    variant = CASE WHEN excluded.first_exposed_at < u.first_exposed_at
                                   THEN excluded.variant ELSE u.variant END,
                    first_exposed_at = least(u.first_exposed_at, excluded.first_exposed_at)
                WHERE NOT (u.first_exposed_at <= excluded.first_exposed_at
                           AND (u.multiple OR (u.variant = excluded.variant AND NOT excluded.multiple)))""")
                .bindArray("experiments", String.class, column(firsts, FirstExposure::experiment))
                .bindArray("phases", Integer.class, column(firsts, FirstExposure::phase))
                .bindArray("digests", String.class, UnitDigests.hex(column(firsts, FirstExposure::unit)))
                .bindArray("units", String.class, column(firsts, FirstExposure::unit))
                .bindArray("variants", String.class, column(firsts, FirstExposure::variant))
                .bindArray("ats", String.class, column(firsts, f -> f.at().toString()))
                .bindArray("multiples", Boolean.class, column(firsts, FirstExposure::multiple))
                .execute();
    }

    /** One row per unit and phase: a statement may not update the same row twice. */
    private static List<FirstExposure> firstPerUnit(Collection<ExposureFold> folds) {
        Map<UnitOfPhase, FirstExposure> firsts = new LinkedHashMap<>();
        for (ExposureFold fold : folds) {
            ExperimentExposure e = fold.exposure();
            Exposure exposure = e.exposure();
            FirstExposure candidate = new FirstExposure(
                    e.experiment().value(),
                    e.phase(),
                    exposure.unit().value(),
                    exposure.variant().value(),
                    exposure.at(),
                    false);
            firsts.merge(
                    new UnitOfPhase(candidate.experiment(), candidate.phase(), candidate.unit()),
                    candidate,
                    FirstExposure::merge);
        }
        return List.copyOf(firsts.values());
    }

    private record UnitOfPhase(String experiment, int phase, String unit) {}

    private static boolean claim(Handle handle, EventBatch batch) {
        return handle.createUpdate("""
                        INSERT INTO event_batches (sender, idempotency_key, received_at) VALUES (:sender, :key, now())
                        ON CONFLICT (sender, idempotency_key) DO NOTHING""")
                        .bind("sender", batch.sender())
                        .bind("key", batch.idempotencyKey().orElseThrow())
                        .execute()
                == 1;
    }

    private static void insertEvents(Handle handle, List<TrackedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        handle.createUpdate("""
                INSERT INTO tracked_events (environment, event, unit_digest, unit, value, at, details)
                SELECT environment, event, decode(md5(unit), 'hex'), unit, value, at::timestamptz, details::jsonb
                FROM unnest(:environments, :events, :units, :values, :ats, :details)
                    AS t(environment, event, unit, value, at, details)""")
                .bindArray(
                        "environments",
                        String.class,
                        column(events, e -> e.environment().value()))
                .bindArray("events", String.class, column(events, e -> e.event().value()))
                .bindArray("units", String.class, column(events, e -> e.unit().value()))
                .bindArray(
                        "values",
                        Double.class,
                        column(events, e -> e.value().isPresent() ? e.value().getAsDouble() : null))
                .bindArray("ats", String.class, column(events, e -> e.at().toString()))
                .bindArray("details", String.class, column(events, TrackedEvent::details))
                .execute();
    }

    /**
     * The raw tables' daily upkeep: makes the partitions of today and the next {@value #DAYS_MADE_AHEAD} days, then
     * drops the days more than {@code retentionDays} before {@code today} as {@link #dropRawDataBefore} does.
     */
    public RawDataUpkeep keepRawData(LocalDate today, int retentionDays, UpkeepDeadline deadline) {
        // first, so that writers keep finding their partitions even if the rollups' refresh before the drop fails
        makePartitionsAhead(today);
        return dropRawDataBefore(today.minusDays(retentionDays), deadline);
    }

    /**
     * Makes the raw tables' partitions of today and the next {@value #DAYS_MADE_AHEAD} days. Made ahead, they are ready
     * for writers whose login may not create tables (the API functions' on AWS), and a day or two of missed upkeep
     * stops no write.
     *
     * @return the last day made
     */
    public LocalDate makePartitionsAhead(LocalDate today) {
        List<LocalDate> ahead =
                today.datesUntil(today.plusDays(DAYS_MADE_AHEAD + 1L)).toList();
        Guard.call("make the raw tables' partitions ahead", () -> {
            exposurePartitions.ensure(ahead);
            eventPartitions.ensure(ahead);
            return ahead;
        });
        return ahead.getLast();
    }

    /**
     * Drops raw exposures and events of days before {@code cutoff}; experiments' units, their rollups and counts stay.
     * The stale rollups are refreshed first, from the raw data while it is there; if the deadline leaves some stale,
     * nothing is dropped, since their raw data would be gone before they were recomputed from it.
     */
    public RawDataUpkeep dropRawDataBefore(LocalDate cutoff, UpkeepDeadline deadline) {
        RollupUpkeep refreshed = rollups.refreshStale(deadline);
        if (refreshed.leftStale() > 0) {
            return new RawDataUpkeep(List.of(), refreshed);
        }
        rollups.rawDataKeptFrom(cutoff);
        return new RawDataUpkeep(
                Guard.call("apply retention", () -> {
                    Set<LocalDate> dropped = new TreeSet<>(exposurePartitions.dropBefore(cutoff));
                    dropped.addAll(eventPartitions.dropBefore(cutoff));
                    return List.copyOf(dropped);
                }),
                refreshed);
    }

    private static <T> Set<LocalDate> days(Collection<T> items, Function<T, Instant> at) {
        return items.stream().map(at).map(DailyPartitions::dayOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T, C> List<C> column(List<T> rows, Function<T, C> value) {
        return rows.stream().map(value).collect(Collectors.toList());
    }
}
