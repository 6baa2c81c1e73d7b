package dev.bunting.adapter.postgres;

import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.MeasurementFreshness;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.Phase;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.statistics.Covariate;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.VariantKey;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * An experiment's results from rollups (V14): per phase, metric, variant and day of the units' first exposure, the
 * sums the statistics engine needs. Writes mark the days they make stale (triggers on the units and events tables);
 * {@link #refresh} recomputes those days, and only those. A read refreshes first when the stale days hold at most
 * {@code quickRefreshUnits} units, so a result reflects every write committed before it while costing work
 * proportional to variants x metrics x days plus a bounded number of units and their events; with more, it answers
 * from the rollups as last refreshed, and {@link #freshness} says so, until a timer's {@link #refreshStale} catches
 * up, within the deadline it is given. A part never computed, or whose metric's definition changed, is computed whole.
 */
final class PostgresRollups {

    /** The first of the two keys of the advisory lock that makes one experiment's refreshes take turns. */
    private static final int LOCK_SPACE = 0x0B0B;

    private static final String UNITS_PART = "units";

    private static final String METRIC_PART = "metric ";

    /**
     * How long a refresh's statements may take: computing the rollups of many days (an experiment's first refresh, a
     * changed metric) or waiting for another refresh of the same experiment can take minutes on millions of events,
     * where the pool's socket timeout gives a request's statements seconds. The pool restores its own timeout when the
     * connection returns.
     */
    private static final Duration REFRESH_TIMEOUT = Duration.ofMinutes(10);

    private final Jdbi jdbi;

    private final long quickRefreshUnits;

    /** @param quickRefreshUnits the most units of stale days a read recomputes before it answers */
    PostgresRollups(Jdbi jdbi, long quickRefreshUnits) {
        this.jdbi = jdbi;
        this.quickRefreshUnits = quickRefreshUnits;
    }

    /** The phase's units, from the rollups once they are fresh. */
    PhaseUnits units(Experiment experiment, int phase) {
        refreshIfQuick(experiment);
        return Guard.call(
                "count an experiment's units",
                () -> jdbi.withHandle(handle -> {
                    Map<VariantKey, Long> byVariant = new HashMap<>();
                    long[] multiple = {0};
                    handle.createQuery("""
                    SELECT variant, multiple, sum(units) AS units FROM experiment_unit_rollups
                    WHERE experiment = :experiment AND phase = :phase
                    GROUP BY variant, multiple""")
                            .bind("experiment", experiment.key().value())
                            .bind("phase", phase)
                            .map((row, ctx) -> {
                                long units = row.getLong("units");
                                if (row.getBoolean("multiple")) {
                                    multiple[0] += units;
                                } else {
                                    byVariant.merge(new VariantKey(row.getString("variant")), units, Long::sum);
                                }
                                return units;
                            })
                            .list();
                    return new PhaseUnits(byVariant, multiple[0]);
                }));
    }

    /** The metric's samples per variant, with their covariates, from the rollups once they are fresh. */
    Map<VariantKey, VariantSample> samples(Experiment experiment, int phase, Metric metric) {
        refreshIfQuick(experiment);
        return Guard.call(
                "measure a metric",
                () -> jdbi.withHandle(handle -> {
                    Map<VariantKey, VariantSample> samples = new HashMap<>();
                    handle.createQuery("""
                    SELECT variant, sum(n) AS n, sum(total) AS total, sum(total_squares) AS total_squares,
                           sum(pre_total) AS pre_total, sum(pre_total_squares) AS pre_total_squares,
                           sum(cross_total) AS cross_total
                    FROM experiment_rollups
                    WHERE experiment = :experiment AND phase = :phase AND metric = :metric
                    GROUP BY variant""")
                            .bind("experiment", experiment.key().value())
                            .bind("phase", phase)
                            .bind("metric", metric.key().value())
                            .map((row, ctx) -> {
                                VariantKey variant = new VariantKey(row.getString("variant"));
                                long n = row.getLong("n");
                                return VariantSample.of(
                                        variant,
                                        new SampleMoments(n, row.getDouble("total"), row.getDouble("total_squares")),
                                        new Covariate(
                                                new SampleMoments(
                                                        n,
                                                        row.getDouble("pre_total"),
                                                        row.getDouble("pre_total_squares")),
                                                row.getDouble("cross_total")));
                            })
                            .forEach(sample -> samples.put(sample.key(), sample));
                    return samples;
                }));
    }

    /**
     * Refreshes the rollups of every experiment that writes made stale, as a timer does so that reads find little
     * left to do, and retention does before it drops the raw data rollups are computed from. Once the deadline has
     * passed it starts on no further experiment: those keep their marks for the next run.
     */
    RollupUpkeep refreshStale(UpkeepDeadline deadline) {
        List<String> keys = Guard.call(
                "list stale rollups",
                () -> jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT experiment FROM stale_rollups")
                        .mapTo(String.class)
                        .list()));
        int refreshed = 0;
        for (String key : keys) {
            if (deadline.passed()) {
                break;
            }
            refresh(new ExperimentKey(key), true);
            refreshed++;
        }
        return new RollupUpkeep(refreshed, keys.size() - refreshed);
    }

    /** When the experiment's rollups were last refreshed, and whether writes have made some of them stale since. */
    MeasurementFreshness freshness(ExperimentKey experiment) {
        return Guard.call(
                "tell how fresh an experiment's rollups are",
                () -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT (SELECT computed_at FROM experiment_rollup_refreshes WHERE experiment = :experiment)
                                   AS computed_at,
                               EXISTS (SELECT 1 FROM stale_rollups WHERE experiment = :experiment) AS pending""")
                        .bind("experiment", experiment.value())
                        .map((row, ctx) -> new MeasurementFreshness(
                                Optional.ofNullable(row.getObject("computed_at", OffsetDateTime.class))
                                        .map(OffsetDateTime::toInstant),
                                row.getBoolean("pending")))
                        .one()));
    }

    /**
     * Refreshes the experiment's rollups if that is quick: if the units of the days a refresh would recompute, counted
     * through the index of first exposures and no further than the limit, are at most {@code quickRefreshUnits}. The
     * count is an estimate (it reads the marks without waiting for a refresh in progress), which is all a choice
     * between answering now and answering exactly needs. Nothing stale, or a refresh of the experiment already running
     * (the timer's, which may take long), and the read refreshes nothing.
     */
    private void refreshIfQuick(Experiment experiment) {
        String key = experiment.key().value();
        boolean quick = Guard.call(
                "estimate a refresh of rollups",
                () -> jdbi.withHandle(handle -> {
                    Set<LocalDate> exposureDays = new TreeSet<>();
                    Set<LocalDate> eventDays = new TreeSet<>();
                    handle.createQuery("SELECT DISTINCT day, cause FROM stale_rollups WHERE experiment = :experiment")
                            .bind("experiment", key)
                            .map((row, ctx) -> Map.entry(
                                    row.getString("cause").equals("event"), row.getObject("day", LocalDate.class)))
                            .forEach(mark -> (mark.getKey() ? eventDays : exposureDays).add(mark.getValue()));
                    Map<String, String> parts = parts(handle, key);
                    boolean whole = !parts.containsKey(UNITS_PART)
                            || experiment.metrics().stream()
                                    .anyMatch(m -> !definition(m).equals(parts.get(part(m))));
                    Set<LocalDate> days = new TreeSet<>(exposureDays);
                    for (Metric metric : experiment.metrics()) {
                        eventDays.forEach(day -> days.addAll(reachedBy(day, metric.window())));
                    }
                    if (!whole && days.isEmpty()) {
                        return false; // nothing stale
                    }
                    long units = whole ? unitsAtMost(handle, key) : staleUnitsAtMost(handle, key, days);
                    return units <= quickRefreshUnits;
                }));
        if (quick) {
            refresh(experiment.key(), false);
        }
    }

    /** The experiment's units, counted no further than one past {@code quickRefreshUnits}. */
    private long unitsAtMost(Handle handle, String experiment) {
        return handle.createQuery("""
                SELECT count(*) FROM (SELECT 1 FROM experiment_units WHERE experiment = :experiment LIMIT :limit) units""")
                .bind("experiment", experiment)
                .bind("limit", quickRefreshUnits + 1)
                .mapTo(Long.class)
                .one();
    }

    /**
     * The units first exposed on {@code days}, counted no further than one past {@code quickRefreshUnits}. Each day is
     * a range of the first-exposure index of its own: filtering one range from the first day to the last by day read
     * every unit between them, 0.7 million index entries and 1.5 s for one stale day of a million units.
     */
    private long staleUnitsAtMost(Handle handle, String experiment, Set<LocalDate> days) {
        return handle.createQuery("""
                SELECT count(*) FROM (
                    SELECT 1 FROM unnest(CAST(:days AS date[])) AS stale (day)
                    CROSS JOIN LATERAL (
                        SELECT 1 FROM experiment_units
                        WHERE experiment = :experiment
                          AND first_exposed_at >= stale.day::timestamp AT TIME ZONE 'UTC'
                          AND first_exposed_at < (stale.day + 1)::timestamp AT TIME ZONE 'UTC'
                        LIMIT :limit
                    ) units
                    LIMIT :limit
                ) stale_units""")
                .bind("experiment", experiment)
                .bindArray(
                        "days",
                        String.class,
                        days.stream().map(LocalDate::toString).toList())
                .bind("limit", quickRefreshUnits + 1)
                .mapTo(Long.class)
                .one();
    }

    /** Remembers that raw data before {@code day} is gone, so that no rollup is recomputed from what remains. */
    void rawDataKeptFrom(LocalDate day) {
        Guard.call(
                "keep the raw data horizon",
                () -> jdbi.withHandle(
                        handle -> handle.createUpdate("""
                        INSERT INTO raw_data_horizon (kept_from) VALUES (:day)
                        ON CONFLICT (singleton) DO UPDATE SET kept_from = greatest(raw_data_horizon.kept_from, :day)""").bind("day", day).execute()));
    }

    /**
     * Recomputes the experiment's stale days. Refreshes of one experiment take turns (an advisory lock), each deletes
     * the marks it found first and then recomputes from what was committed by then: a write it did not see keeps a
     * mark of its own, so nothing is missed and nothing is recomputed from older data than the rollup it replaces. The
     * experiment's phases and metrics are read then too, so a refresh never consumes marks with a definition that a
     * concurrent change has replaced.
     */
    void refresh(ExperimentKey experimentKey) {
        refresh(experimentKey, true);
    }

    /**
     * @param wait to wait for a refresh of the same experiment in progress; a read does not, since that refresh will
     *             include what it would (its answer says pending meanwhile)
     */
    private void refresh(ExperimentKey experimentKey, boolean wait) {
        Guard.call(
                "refresh an experiment's rollups",
                () -> jdbi.inTransaction(handle -> {
                    patient(handle);
                    String key = experimentKey.value();
                    boolean locked = handle.createQuery(
                                    wait
                                            ? "SELECT true FROM (SELECT pg_advisory_xact_lock(:space, hashtext(:experiment))) l"
                                            : "SELECT pg_try_advisory_xact_lock(:space, hashtext(:experiment))")
                            .bind("space", LOCK_SPACE)
                            .bind("experiment", key)
                            .mapTo(Boolean.class)
                            .one();
                    if (!locked) {
                        return null;
                    }
                    // the rollups will include every write committed by the time the marks are taken
                    OffsetDateTime computedAt = handle.createQuery("SELECT clock_timestamp()")
                            .mapTo(OffsetDateTime.class)
                            .one();
                    Set<LocalDate> exposureDays = new TreeSet<>();
                    Set<LocalDate> eventDays = new TreeSet<>();
                    handle.createQuery("DELETE FROM stale_rollups WHERE experiment = :experiment RETURNING day, cause")
                            .bind("experiment", key)
                            .map((row, ctx) -> Map.entry(
                                    row.getString("cause").equals("event"), row.getObject("day", LocalDate.class)))
                            .forEach(mark -> (mark.getKey() ? eventDays : exposureDays).add(mark.getValue()));
                    Optional<Experiment> found = new PostgresExperimentRepository(handle).find(experimentKey);
                    if (found.isEmpty()) {
                        return null;
                    }
                    Experiment experiment = found.get();
                    handle.createUpdate("""
                            INSERT INTO experiment_rollup_refreshes (experiment, computed_at)
                            VALUES (:experiment, :computedAt)
                            ON CONFLICT (experiment) DO UPDATE SET computed_at = excluded.computed_at""")
                            .bind("experiment", key)
                            .bind("computedAt", computedAt)
                            .execute();
                    Map<String, String> parts = parts(handle, key);
                    Optional<LocalDate> horizon = handle.createQuery("SELECT kept_from FROM raw_data_horizon")
                            .mapTo(LocalDate.class)
                            .findOne();
                    // a unit's events are found by its digest with the windows as filters: a hash join, which the
                    // planner would not pick over fresh partitions whose missing statistics make them look empty
                    handle.execute("SET LOCAL enable_nestloop = off");

                    if (!parts.containsKey(UNITS_PART)) {
                        rollUpUnits(handle, key, Optional.empty());
                        keepPart(handle, key, UNITS_PART, UNITS_PART);
                    } else if (!exposureDays.isEmpty()) {
                        rollUpUnits(handle, key, Optional.of(exposureDays));
                    }

                    for (List<Metric> group : byEventAndWindow(experiment.metrics())) {
                        Metric first = group.getFirst();
                        boolean whole =
                                group.stream().anyMatch(m -> !definition(m).equals(parts.get(part(m))));
                        Set<LocalDate> days = new TreeSet<>(exposureDays);
                        eventDays.forEach(day -> days.addAll(reachedBy(day, first.window())));
                        // days whose pre-exposure events retention dropped keep their rollups
                        horizon.ifPresent(kept -> days.removeIf(
                                day -> day.isBefore(kept.plusDays(Metric.PRE_EXPOSURE_LOOKBACK.toDays()))));
                        if (whole || !days.isEmpty()) {
                            for (Phase phase : experiment.phases()) {
                                rollUpMetrics(
                                        handle, experiment, phase, group, whole ? Optional.empty() : Optional.of(days));
                            }
                            group.forEach(m -> keepPart(handle, key, part(m), definition(m)));
                        }
                    }
                    dropRemovedMetrics(handle, key, experiment, parts.keySet());
                    return null;
                }));
    }

    private static Map<String, String> parts(Handle handle, String experiment) {
        Map<String, String> parts = new HashMap<>();
        handle.createQuery("SELECT part, definition FROM experiment_rollup_parts WHERE experiment = :experiment")
                .bind("experiment", experiment)
                .map((row, ctx) -> Map.entry(row.getString("part"), row.getString("definition")))
                .forEach(part -> parts.put(part.getKey(), part.getValue()));
        return parts;
    }

    private static void patient(Handle handle) {
        try {
            handle.getConnection().setNetworkTimeout(Runnable::run, Math.toIntExact(REFRESH_TIMEOUT.toMillis()));
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    private static void rollUpUnits(Handle handle, String experiment, Optional<Set<LocalDate>> days) {
        String onDays = days.isPresent() ? " AND day = ANY(CAST(:days AS date[]))" : "";
        withDays(
                        handle.createUpdate(
                                        "DELETE FROM experiment_unit_rollups WHERE experiment = :experiment" + onDays)
                                .bind("experiment", experiment),
                        days,
                        false)
                .execute();
        withDays(handle.createUpdate("""
                INSERT INTO experiment_unit_rollups (experiment, phase, day, variant, multiple, units)
                SELECT experiment, phase, (first_exposed_at AT TIME ZONE 'UTC')::date, variant, multiple, count(*)
                FROM experiment_units
                WHERE experiment = :experiment%s
                GROUP BY 1, 2, 3, 4, 5""".formatted(onUnitDays(days))).bind("experiment", experiment), days, true)
                .execute();
    }

    /**
     * One pass over the units of the days and their events computes every metric of one event and window: per unit,
     * the binomial and the mean value after the first exposure and in the lookback before it.
     */
    private static void rollUpMetrics(
            Handle handle, Experiment experiment, Phase phase, List<Metric> metrics, Optional<Set<LocalDate>> days) {
        String key = experiment.key().value();
        List<String> keys = metrics.stream().map(m -> m.key().value()).toList();
        withDays(
                        handle.createUpdate(
                                        """
                DELETE FROM experiment_rollups
                WHERE experiment = :experiment AND phase = :phase AND metric = ANY(:metrics)%s""".formatted(days.isPresent() ? " AND day = ANY(CAST(:days AS date[]))" : ""))
                                .bind("experiment", key)
                                .bind("phase", phase.number())
                                .bindArray("metrics", String.class, keys),
                        days,
                        false)
                .execute();
        Metric first = metrics.getFirst();
        String eventsInReach = days.isPresent()
                ? " AND e.at >= CAST(:from AS timestamptz) - make_interval(days => :lookbackDays)"
                        + " AND e.at < CAST(:to AS timestamptz) + make_interval(hours => :windowHours)"
                : "";
        Update rollUp = handle.createUpdate("""
                INSERT INTO experiment_rollups (experiment, phase, metric, day, variant, n, total, total_squares,
                                                pre_total, pre_total_squares, cross_total)
                SELECT :experiment, :phase, m.metric, r.day, r.variant, r.n,
                       CASE WHEN m.binomial THEN r.converted ELSE r.total END,
                       CASE WHEN m.binomial THEN r.converted ELSE r.total_squares END,
                       CASE WHEN m.binomial THEN r.pre_converted ELSE r.pre_total END,
                       CASE WHEN m.binomial THEN r.pre_converted ELSE r.pre_total_squares END,
                       CASE WHEN m.binomial THEN r.both_converted ELSE r.cross_total END
                FROM (
                    SELECT day, variant, count(*) AS n,
                           sum(converted) AS converted, sum(pre_converted) AS pre_converted,
                           sum(converted * pre_converted) AS both_converted,
                           sum(total) AS total, sum(total * total) AS total_squares,
                           sum(pre_total) AS pre_total, sum(pre_total * pre_total) AS pre_total_squares,
                           sum(total * pre_total) AS cross_total
                    FROM (
                        SELECT (u.first_exposed_at AT TIME ZONE 'UTC')::date AS day, u.variant,
                               CASE WHEN count(e.at) FILTER (WHERE %1$s) > 0 THEN 1.0 ELSE 0.0 END AS converted,
                               CASE WHEN count(e.at) FILTER (WHERE %2$s) > 0 THEN 1.0 ELSE 0.0 END AS pre_converted,
                               coalesce(sum(coalesce(e.value, 1.0)) FILTER (WHERE %1$s), 0.0) AS total,
                               coalesce(sum(coalesce(e.value, 1.0)) FILTER (WHERE %2$s), 0.0) AS pre_total
                        FROM experiment_units u
                        LEFT JOIN tracked_events e
                            ON e.environment = :environment AND e.event = :event
                           AND e.unit_digest = u.unit_digest
                           AND e.at >= u.first_exposed_at - make_interval(days => :lookbackDays)
                           AND e.at < u.first_exposed_at + make_interval(hours => :windowHours)%3$s
                        WHERE u.experiment = :experiment AND u.phase = :phase AND NOT u.multiple%4$s
                        GROUP BY u.unit_digest, u.first_exposed_at, u.variant
                    ) per_unit
                    GROUP BY day, variant
                ) r
                CROSS JOIN unnest(:metrics, :binomials) AS m(metric, binomial)""".formatted(
                                "e.at >= u.first_exposed_at AND e.at >= :phaseStart",
                                "e.at < u.first_exposed_at",
                                eventsInReach,
                                onUnitDays(days).replace("first_exposed_at", "u.first_exposed_at")))
                .bind("experiment", key)
                .bind("phase", phase.number())
                .bind("environment", experiment.environment().value())
                .bind("event", first.event().value())
                .bind("phaseStart", FlagRows.utc(phase.startedAt()))
                .bind("lookbackDays", Math.toIntExact(Metric.PRE_EXPOSURE_LOOKBACK.toDays()))
                .bind("windowHours", Math.toIntExact(first.window().toHours()))
                .bindArray("metrics", String.class, keys)
                .bindArray(
                        "binomials",
                        Boolean.class,
                        metrics.stream()
                                .map(m -> m.type() == MetricType.BINOMIAL)
                                .toList());
        withDays(rollUp, days, true).execute();
    }

    /** The rollups of metrics the experiment no longer has would be stale if a metric of that key came back. */
    private static void dropRemovedMetrics(Handle handle, String experiment, Experiment current, Set<String> rolledUp) {
        Set<String> removed = new TreeSet<>(rolledUp);
        removed.remove(UNITS_PART);
        current.metrics().forEach(m -> removed.remove(part(m)));
        if (removed.isEmpty()) {
            return;
        }
        handle.createUpdate("DELETE FROM experiment_rollup_parts WHERE experiment = :experiment AND part = ANY(:parts)")
                .bind("experiment", experiment)
                .bindArray("parts", String.class, List.copyOf(removed))
                .execute();
        handle.createUpdate("DELETE FROM experiment_rollups WHERE experiment = :experiment AND metric = ANY(:metrics)")
                .bind("experiment", experiment)
                .bindArray(
                        "metrics",
                        String.class,
                        removed.stream()
                                .map(p -> p.substring(METRIC_PART.length()))
                                .toList())
                .execute();
    }

    private static void keepPart(Handle handle, String experiment, String part, String definition) {
        handle.createUpdate("""
                INSERT INTO experiment_rollup_parts (experiment, part, definition) VALUES (:experiment, :part, :definition)
                ON CONFLICT (experiment, part) DO UPDATE SET definition = excluded.definition""")
                .bind("experiment", experiment)
                .bind("part", part)
                .bind("definition", definition)
                .execute();
    }

    /** Metrics on the same event with the same window share one pass over the events. */
    private static List<List<Metric>> byEventAndWindow(List<Metric> metrics) {
        Map<String, List<Metric>> groups = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            groups.computeIfAbsent(metric.event().value() + '\n' + metric.window(), k -> new ArrayList<>())
                    .add(metric);
        }
        return List.copyOf(groups.values());
    }

    /**
     * The first-exposure days whose rollups an event on {@code day} can change: those whose window after the first
     * exposure reaches it, and those whose lookback before it does.
     */
    private static List<LocalDate> reachedBy(LocalDate day, Duration window) {
        long windowDays = (window.toHours() + 23) / 24;
        return day.minusDays(windowDays)
                .datesUntil(day.plusDays(Metric.PRE_EXPOSURE_LOOKBACK.toDays() + 1))
                .toList();
    }

    private static String part(Metric metric) {
        return METRIC_PART + metric.key().value();
    }

    private static String definition(Metric metric) {
        return metric.event().value() + ' ' + metric.type() + ' ' + metric.window();
    }

    private static String onUnitDays(Optional<Set<LocalDate>> days) {
        return days.isPresent()
                ? " AND first_exposed_at >= :from AND first_exposed_at < :to"
                        + " AND (first_exposed_at AT TIME ZONE 'UTC')::date = ANY(CAST(:days AS date[]))"
                : "";
    }

    /** Binds the days a statement is limited to, if it is: as a list, and with {@code range} as their bounds too. */
    private static <S extends SqlStatement<S>> S withDays(S statement, Optional<Set<LocalDate>> days, boolean range) {
        if (days.isPresent()) {
            Set<LocalDate> limited = days.get();
            statement.bindArray(
                    "days",
                    String.class,
                    limited.stream().map(LocalDate::toString).toList());
            if (range) {
                statement.bind(
                        "from",
                        utcStart(limited.stream().min(LocalDate::compareTo).orElseThrow()));
                statement.bind(
                        "to",
                        utcStart(limited.stream()
                                .max(LocalDate::compareTo)
                                .orElseThrow()
                                .plusDays(1)));
            }
        }
        return statement;
    }

    private static OffsetDateTime utcStart(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
