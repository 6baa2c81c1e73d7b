package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.MeasurementFreshness;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementContract;
import dev.bunting.domain.port.MeasurementLog;
import dev.bunting.domain.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Measurement on a real PostgreSQL: the contract, plus what only this adapter does (partitions, counts' upsert). */
class PostgresMeasurementsIT extends MeasurementContract {

    private static DatabaseUrl database;
    private static PostgresStore store;
    private static PostgresMeasurements measurements;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.migratedDatabase();
        store = PostgresStore.connect(database, 4);
        measurements = store.measurements();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    /** After each test, not before: the contract stores its experiment before each, ahead of this class's methods. */
    @AfterEach
    void emptyTables() {
        TestDatabase.restoreInitialState(database);
    }

    @Override
    protected MeasurementLog log() {
        return measurements;
    }

    @Override
    protected ExperimentMeasurements measurements() {
        return measurements;
    }

    @Override
    protected void stored(Experiment experiment) {
        boolean inserted = store.inTransaction(r -> r.experiments().insert(experiment));
        assertThat(inserted).isTrue();
    }

    @Test
    void events_land_in_daily_partitions_that_retention_drops_whole() throws SQLException {
        Instant old = Instant.parse("2026-01-10T12:00:00Z");
        Instant recent = Instant.parse("2026-12-01T12:00:00Z");
        measurements.recordBatch(
                new EventBatch("s", Optional.empty()),
                List.of(event(old), event(recent), event(recent.plusSeconds(60))),
                List.of());

        assertThat(count("SELECT count(*) FROM tracked_events_p20260110")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tracked_events_p20261201")).isEqualTo(2);

        // other tests' partitions may be dropped too: they share the database
        assertThat(measurements
                        .dropRawDataBefore(LocalDate.parse("2026-06-01"), UpkeepDeadline.none())
                        .dropped())
                .contains(LocalDate.parse("2026-01-10"))
                .doesNotContain(LocalDate.parse("2026-12-01"));
        assertThat(count("SELECT count(*) FROM tracked_events")).isEqualTo(2);
        // a late event for a dropped day makes its partition again
        measurements.recordBatch(new EventBatch("s", Optional.empty()), List.of(event(old)), List.of());
        assertThat(count("SELECT count(*) FROM tracked_events")).isEqualTo(3);
    }

    @Test
    void daily_upkeep_drops_the_days_past_retention_and_makes_the_coming_days_partitions() throws SQLException {
        measurements.recordBatch(
                new EventBatch("s", Optional.empty()),
                List.of(event(Instant.parse("2026-06-01T12:00:00Z")), event(Instant.parse("2026-06-02T12:00:00Z"))),
                List.of());

        // days far from today, whose partitions no other test makes; older ones of other tests may be dropped too
        assertThat(measurements
                        .keepRawData(LocalDate.parse("2026-09-01"), 91, UpkeepDeadline.none())
                        .dropped())
                .contains(LocalDate.parse("2026-06-01"))
                .doesNotContain(LocalDate.parse("2026-06-02"));
        assertThat(count("SELECT count(*) FROM tracked_events")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname IN ('exposures_p20260901',"
                        + " 'exposures_p20260902', 'exposures_p20260903', 'tracked_events_p20260901',"
                        + " 'tracked_events_p20260902', 'tracked_events_p20260903')"))
                .isEqualTo(6);
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'exposures_p20260904'"))
                .isZero();
    }

    @Test
    void a_refresh_starts_on_no_experiment_once_its_deadline_has_passed_and_the_rest_keep_their_marks()
            throws SQLException {
        markStale("first", "second", "third");
        Instant start = Instant.parse("2026-09-01T00:00:00Z");

        // read once before each experiment, the clock lets two start before the deadline
        RollupUpkeep upkeep =
                measurements.refreshStaleRollups(new UpkeepDeadline(start.plusSeconds(150), minutePerReading(start)));

        assertThat(upkeep).isEqualTo(new RollupUpkeep(2, 1));
        assertThat(count("SELECT count(DISTINCT experiment) FROM stale_rollups"))
                .as("the experiment not started on keeps its marks for the next run")
                .isEqualTo(1);
        assertThat(measurements.refreshStaleRollups(UpkeepDeadline.none())).isEqualTo(new RollupUpkeep(1, 0));
        assertThat(count("SELECT count(*) FROM stale_rollups")).isZero();
    }

    @Test
    void retention_whose_deadline_leaves_rollups_stale_drops_nothing_but_still_makes_the_coming_days_partitions()
            throws SQLException {
        measurements.recordBatch(
                new EventBatch("s", Optional.empty()),
                List.of(event(Instant.parse("2026-06-01T12:00:00Z"))),
                List.of());
        markStale("waiting");
        // the event marked the contract's experiment stale too
        int stale = Math.toIntExact(count("SELECT count(DISTINCT experiment) FROM stale_rollups"));
        UpkeepDeadline passed = new UpkeepDeadline(Instant.EPOCH, Clock.systemUTC());

        RawDataUpkeep upkeep = measurements.keepRawData(LocalDate.parse("2026-09-01"), 91, passed);

        assertThat(upkeep).isEqualTo(new RawDataUpkeep(List.of(), new RollupUpkeep(0, stale)));
        assertThat(count("SELECT count(*) FROM tracked_events"))
                .as("raw data stays while a rollup computed from it is stale")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM raw_data_horizon")).isZero();
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname IN ('exposures_p20260903',"
                        + " 'tracked_events_p20260903')"))
                .isEqualTo(2);

        RawDataUpkeep next = measurements.keepRawData(LocalDate.parse("2026-09-01"), 91, UpkeepDeadline.none());

        assertThat(next.rollups()).isEqualTo(new RollupUpkeep(stale, 0));
        assertThat(next.dropped()).contains(LocalDate.parse("2026-06-01"));
        assertThat(count("SELECT count(*) FROM tracked_events")).isZero();
    }

    @Test
    void raw_exposures_keep_tabs_newlines_and_backslashes_in_their_values() throws SQLException {
        String unit = "tab\tnew\nline\rback\\slash \\N";
        measurements.recordExposures(List.of(new ExperimentExposure(
                new ExperimentKey("copy-escapes"),
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        new FlagKey("checkout"),
                        7,
                        new VariantKey("on"),
                        new UnitId(unit),
                        Instant.parse("2026-12-01T12:00:00.123456Z"),
                        Reason.SPLIT,
                        Optional.of(new RuleId("vip"))))));

        assertThat(text("SELECT unit FROM exposures")).isEqualTo(unit);
        assertThat(text("SELECT (at AT TIME ZONE 'UTC') || ' ' || config_version || ' ' || reason || ' ' || rule"
                        + " FROM exposures"))
                .isEqualTo("2026-12-01 12:00:00.123456 7 SPLIT vip");
        assertThat(text("SELECT unit FROM experiment_units")).isEqualTo(unit);
    }

    @Test
    void repeats_of_an_exposure_in_one_write_are_one_raw_row_with_their_count_and_first_and_last_times()
            throws SQLException {
        Instant first = Instant.parse("2026-12-01T12:00:00Z");
        List<ExperimentExposure> written = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            written.add(unitExposure("folds", "u-1", "on", first.plusSeconds(9 - i)));
        }
        written.add(unitExposure("folds", "u-1", "off", first.plusSeconds(3)));
        written.add(unitExposure("folds", "u-2", "on", first));
        measurements.recordExposures(written);

        assertThat(text("SELECT string_agg(unit || ' ' || variant || ' ' || count || ' '"
                        + " || to_char(at AT TIME ZONE 'UTC', 'HH24:MI:SS') || '-'"
                        + " || to_char(last_at AT TIME ZONE 'UTC', 'HH24:MI:SS'), ', ' ORDER BY unit, variant)"
                        + " FROM exposures"))
                .isEqualTo("u-1 off 1 12:00:03-12:00:03, u-1 on 10 12:00:00-12:00:09, u-2 on 1 12:00:00-12:00:00");
        assertThat(count("SELECT sum(count) FROM exposures")).isEqualTo(written.size());
    }

    @Test
    void a_unit_skipped_as_known_stored_and_then_seen_with_another_variant_is_a_multiple_exposure()
            throws SQLException {
        Instant first = Instant.parse("2026-12-01T12:00:00Z");
        measurements.recordExposures(List.of(unitExposure("known", "u-1", "on", first)));
        // known stored as it is: this write leaves experiment_units alone
        measurements.recordExposures(List.of(unitExposure("known", "u-1", "on", first.plusSeconds(1))));
        measurements.recordExposures(List.of(unitExposure("known", "u-1", "off", first.plusSeconds(2))));

        assertThat(text("SELECT variant || ' ' || multiple || ' ' || to_char(first_exposed_at AT TIME ZONE 'UTC',"
                        + " 'HH24:MI:SS') FROM experiment_units WHERE experiment = 'known'"))
                .isEqualTo("on true 12:00:00");
        assertThat(count("SELECT sum(count) FROM exposures"))
                .as("every exposure is in the raw log")
                .isEqualTo(3);
    }

    @Test
    void a_failed_write_teaches_nothing_so_its_units_exposures_are_written_again() throws SQLException {
        Instant first = Instant.parse("2026-11-20T12:00:00Z");
        ExperimentRun run = new ExperimentRun(new ExperimentKey("failed"), 1);
        VariantKey on = new VariantKey("on");
        // a store of its own, whose knowledge of partitions the dropped one below leaves wrong
        try (PostgresStore own = PostgresStore.connect(database, 2)) {
            PostgresMeasurements writer = own.measurements();
            writer.recordExposures(List.of(unitExposure("failed", "u-0", "on", first)));
            // the day's partition gone under a writer that made it already: its next write of that day fails whole
            execute("DROP TABLE exposures_p20261120");

            assertThatThrownBy(() -> writer.recordExposures(List.of(
                            unitExposure("failed", "u-0", "on", first.plusSeconds(1)),
                            unitExposure("failed", "u-1", "on", first.plusSeconds(1)))))
                    .isInstanceOf(StoreUnavailableException.class);

            assertThat(writer.absorbs(run, new UnitId("u-0"), on, first.plusSeconds(2)))
                    .as("what a committed write taught stays")
                    .isTrue();
            assertThat(writer.absorbs(run, new UnitId("u-1"), on, first.plusSeconds(2)))
                    .as("what a failed write held is not known stored")
                    .isFalse();
        }
        assertThat(count("SELECT count(*) FROM experiment_units WHERE experiment = 'failed'"))
                .isEqualTo(1);
    }

    @Test
    void an_earlier_exposure_than_known_is_written_and_becomes_the_first() throws SQLException {
        Instant first = Instant.parse("2026-12-01T12:00:00Z");
        measurements.recordExposures(List.of(unitExposure("earlier", "u-1", "on", first)));
        measurements.recordExposures(List.of(unitExposure("earlier", "u-1", "on", first.minusSeconds(60))));

        assertThat(text("SELECT to_char(first_exposed_at AT TIME ZONE 'UTC', 'HH24:MI:SS') FROM experiment_units"
                        + " WHERE experiment = 'earlier'"))
                .isEqualTo("11:59:00");
    }

    @Test
    void another_process_or_a_restart_with_nothing_known_writes_the_same_units() throws SQLException {
        Instant first = Instant.parse("2026-12-01T12:00:00Z");
        measurements.recordExposures(
                List.of(unitExposure("restart", "u-1", "on", first), unitExposure("restart", "u-2", "off", first)));
        String before = text(UNITS_OF_RESTART);

        try (PostgresStore restarted = PostgresStore.connect(database, 2)) {
            PostgresMeasurements fresh = restarted.measurements();
            fresh.recordExposures(List.of(
                    unitExposure("restart", "u-1", "on", first.plusSeconds(5)),
                    unitExposure("restart", "u-2", "off", first.plusSeconds(5))));
            assertThat(text(UNITS_OF_RESTART)).isEqualTo(before);

            // the other process shows u-1 another variant; this one, which knows u-1 stored as "on", skips a repeat
            fresh.recordExposures(List.of(unitExposure("restart", "u-1", "off", first.plusSeconds(6))));
        }
        measurements.recordExposures(List.of(unitExposure("restart", "u-1", "on", first.plusSeconds(7))));

        assertThat(text(UNITS_OF_RESTART)).isEqualTo("u-1 on true 12:00:00, u-2 off false 12:00:00");
    }

    private static final String UNITS_OF_RESTART = "SELECT string_agg(unit || ' ' || variant || ' ' || multiple || ' '"
            + " || to_char(first_exposed_at AT TIME ZONE 'UTC', 'HH24:MI:SS'), ', ' ORDER BY unit)"
            + " FROM experiment_units WHERE experiment = 'restart'";

    private static ExperimentExposure unitExposure(String experiment, String unit, String variant, Instant at) {
        return new ExperimentExposure(
                new ExperimentKey(experiment),
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        new FlagKey("checkout"),
                        1,
                        new VariantKey(variant),
                        new UnitId(unit),
                        at,
                        Reason.SPLIT,
                        Optional.empty()));
    }

    @Test
    void a_units_digest_is_postgresqls_md5_of_its_text_whatever_its_characters() throws SQLException {
        measurements.recordExposures(List.of(new ExperimentExposure(
                new ExperimentKey("digests"),
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        new FlagKey("checkout"),
                        1,
                        new VariantKey("on"),
                        new UnitId("Zoë-ünït-日本-🙂"),
                        Instant.parse("2026-12-01T12:00:00Z"),
                        Reason.SPLIT,
                        Optional.empty()))));

        assertThat(text("SELECT (unit_digest = decode(md5(unit), 'hex'))::text FROM experiment_units"))
                .isEqualTo("true");
    }

    @Test
    void evaluation_counts_add_up_per_minute() throws SQLException {
        Instant minute = Instant.parse("2026-12-01T12:34:00Z");
        EvaluationCount five = new EvaluationCount(
                EnvironmentKey.PRODUCTION, new FlagKey("checkout"), new VariantKey("on"), minute, 5);

        measurements.addEvaluationCounts(List.of(five));
        measurements.addEvaluationCounts(List.of(
                five,
                new EvaluationCount(
                        EnvironmentKey.PRODUCTION, new FlagKey("checkout"), new VariantKey("off"), minute, 2)));

        assertThat(count("SELECT count FROM evaluation_counts WHERE variant = 'on'"))
                .isEqualTo(10);
        assertThat(count("SELECT sum(count) FROM evaluation_counts")).isEqualTo(12);
    }

    @Test
    void results_of_an_old_phase_still_answer_after_retention_dropped_its_raw_data() throws SQLException {
        Instant started = Instant.parse("2026-01-10T12:00:00Z");
        Experiment old = Experiment.draft(
                        new ExperimentKey("old-test"),
                        "Old",
                        "",
                        new FlagKey("old-checkout"),
                        EnvironmentKey.PRODUCTION,
                        VariantKey.FALSE,
                        List.of(new Metric(
                                new MetricKey("revenue"),
                                new EventName("purchase"),
                                MetricType.MEAN,
                                MetricRole.PRIMARY,
                                Metric.DEFAULT_WINDOW)),
                        started)
                .start(
                        new Split(List.of(
                                new Split.Weight(VariantKey.FALSE, 5_000), new Split.Weight(VariantKey.TRUE, 5_000))),
                        started);
        stored(old);
        measurements.recordExposures(List.of(new ExperimentExposure(
                old.key(),
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        new FlagKey("old-checkout"),
                        1,
                        VariantKey.FALSE,
                        new UnitId("u"),
                        started,
                        Reason.SPLIT,
                        Optional.empty()))));
        // written and never read: retention refreshes the rollups before it drops what they are computed from
        measurements.recordBatch(
                new EventBatch("s", Optional.empty()), List.of(event(started.plusSeconds(60))), List.of());

        assertThat(measurements
                        .dropRawDataBefore(LocalDate.parse("2026-06-01"), UpkeepDeadline.none())
                        .dropped())
                .contains(LocalDate.parse("2026-01-10"));
        assertThat(count("SELECT count(*) FROM tracked_events")).isZero();

        Map<VariantKey, VariantSample> revenue =
                measurements.samples(old, 1, old.metrics().getFirst());
        assertThat(revenue.get(VariantKey.FALSE).outcome()).isEqualTo(new SampleMoments(1, 1, 1));
        // a late write reaching a day whose raw data is gone leaves its rollup as it was
        measurements.recordBatch(
                new EventBatch("s", Optional.empty()), List.of(event(started.plusSeconds(120))), List.of());
        assertThat(measurements
                        .samples(old, 1, old.metrics().getFirst())
                        .get(VariantKey.FALSE)
                        .outcome())
                .isEqualTo(new SampleMoments(1, 1, 1));
        assertThat(measurements.units(old, 1).units(VariantKey.FALSE)).isEqualTo(1);
    }

    @Test
    void a_metric_whose_window_changes_is_measured_again_and_a_removed_one_is_forgotten() {
        Instant started = Instant.parse("2026-12-01T10:00:00Z");
        Metric hour = revenue(Duration.ofHours(1));
        Experiment experiment = Experiment.draft(
                        new ExperimentKey("window-test"),
                        "Window",
                        "",
                        new FlagKey("window-checkout"),
                        EnvironmentKey.PRODUCTION,
                        VariantKey.FALSE,
                        List.of(hour),
                        started)
                .start(
                        new Split(List.of(
                                new Split.Weight(VariantKey.FALSE, 5_000), new Split.Weight(VariantKey.TRUE, 5_000))),
                        started);
        stored(experiment);
        measurements.recordExposures(List.of(new ExperimentExposure(
                experiment.key(),
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        new FlagKey("window-checkout"),
                        1,
                        VariantKey.FALSE,
                        new UnitId("u"),
                        started,
                        Reason.SPLIT,
                        Optional.empty()))));
        measurements.recordBatch(
                new EventBatch("s", Optional.empty()), List.of(event(started.plus(Duration.ofHours(2)))), List.of());
        assertThat(measurements
                        .samples(experiment, 1, hour)
                        .get(VariantKey.FALSE)
                        .outcome())
                .isEqualTo(new SampleMoments(1, 0, 0));

        Metric day = revenue(Duration.ofDays(1));
        Experiment widened = experiment.edit("Window", "", VariantKey.FALSE, List.of(day), started.plusSeconds(1));
        update(widened);
        assertThat(measurements.samples(widened, 1, day).get(VariantKey.FALSE).outcome())
                .isEqualTo(new SampleMoments(1, 1, 1));

        Metric converted = new Metric(
                new MetricKey("converted"),
                new EventName("purchase"),
                MetricType.BINOMIAL,
                MetricRole.PRIMARY,
                day.window());
        Experiment replaced = widened.edit("Window", "", VariantKey.FALSE, List.of(converted), started.plusSeconds(2));
        update(replaced);
        assertThat(measurements
                        .samples(replaced, 1, converted)
                        .get(VariantKey.FALSE)
                        .outcome())
                .isEqualTo(new SampleMoments(1, 1, 1));
        assertThat(measurements.samples(replaced, 1, day)).isEmpty();
    }

    @Test
    void a_read_recomputes_few_stale_units_at_once_and_leaves_more_to_the_timer_saying_so() {
        PostgresMeasurements quick = measurements.withQuickRefreshUnits(2);
        Instant started = Instant.parse("2026-12-01T10:00:00Z");
        Experiment experiment = Experiment.draft(
                        new ExperimentKey("fresh-test"),
                        "Fresh",
                        "",
                        new FlagKey("fresh-checkout"),
                        EnvironmentKey.PRODUCTION,
                        VariantKey.FALSE,
                        List.of(revenue(Metric.DEFAULT_WINDOW)),
                        started)
                .start(
                        new Split(List.of(
                                new Split.Weight(VariantKey.FALSE, 5_000), new Split.Weight(VariantKey.TRUE, 5_000))),
                        started);
        stored(experiment);
        assertThat(quick.freshness(experiment)).isEqualTo(new MeasurementFreshness(Optional.empty(), false));

        expose(experiment, started, "u");
        assertThat(quick.freshness(experiment).pending()).isTrue();
        assertThat(quick.units(experiment, 1).units(VariantKey.FALSE))
                .as("a stale day of one unit is recomputed before the read answers")
                .isEqualTo(1);
        MeasurementFreshness exact = quick.freshness(experiment);
        assertThat(exact.pending()).isFalse();
        assertThat(exact.computedAt()).isPresent();

        expose(experiment, started.plusSeconds(60), "v", "w", "x");
        assertThat(quick.units(experiment, 1).units(VariantKey.FALSE))
                .as("a stale day of four units is left to the timer: the read answers from the last rollups")
                .isEqualTo(1);
        assertThat(quick.freshness(experiment)).isEqualTo(new MeasurementFreshness(exact.computedAt(), true));

        assertThat(quick.refreshStaleRollups(UpkeepDeadline.none())).isEqualTo(new RollupUpkeep(1, 0));
        assertThat(quick.units(experiment, 1).units(VariantKey.FALSE)).isEqualTo(4);
        MeasurementFreshness refreshed = quick.freshness(experiment);
        assertThat(refreshed.pending()).isFalse();
        assertThat(refreshed.computedAt().orElseThrow())
                .isAfter(exact.computedAt().orElseThrow());

        expose(experiment, started.plusSeconds(120), "y", "z", "zz");
        quick.refresh(experiment);
        assertThat(quick.units(experiment, 1).units(VariantKey.FALSE))
                .as("a refresh on demand waits for any amount of work")
                .isEqualTo(7);
        assertThat(quick.freshness(experiment).pending()).isFalse();
    }

    private static void expose(Experiment experiment, Instant at, String... units) {
        List<ExperimentExposure> exposures = new ArrayList<>();
        for (String unit : units) {
            exposures.add(new ExperimentExposure(
                    experiment.key(),
                    1,
                    new Exposure(
                            experiment.environment(),
                            experiment.flag(),
                            1,
                            VariantKey.FALSE,
                            new UnitId(unit),
                            at,
                            Reason.SPLIT,
                            Optional.empty())));
        }
        measurements.recordExposures(exposures);
    }

    private static void update(Experiment changed) {
        boolean updated = store.inTransaction(r -> r.experiments().update(changed));
        assertThat(updated).isTrue();
    }

    private static Metric revenue(Duration window) {
        return new Metric(
                new MetricKey("revenue"), new EventName("purchase"), MetricType.MEAN, MetricRole.PRIMARY, window);
    }

    private static TrackedEvent event(Instant at) {
        return new TrackedEvent(
                EnvironmentKey.PRODUCTION,
                new EventName("purchase"),
                new UnitId("u"),
                OptionalDouble.empty(),
                at,
                "{\"plan\":\"pro\"}");
    }

    private static String text(String sql) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Marks a day of each experiment stale, as a write would; a refresh of an experiment not stored just takes them. */
    private static void markStale(String... experiments) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            for (String experiment : experiments) {
                statement.execute("INSERT INTO stale_rollups (experiment, day, cause) VALUES ('" + experiment
                        + "', DATE '2026-09-01', 'event')");
            }
        }
    }

    /** A clock that is a minute later each time it is read. */
    private static Clock minutePerReading(Instant start) {
        AtomicInteger readings = new AtomicInteger();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("only instants are read");
            }

            @Override
            public Instant instant() {
                return start.plus(Duration.ofMinutes(readings.incrementAndGet()));
            }
        };
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
