package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.statistics.Covariate;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The definition of {@link MeasurementLog} and {@link ExperimentMeasurements}: what is deduplicated, which exposures
 * committed writes absorb, how metrics and
 * their CUPED covariates are measured, and that every answer reflects every write before it, however late the write's
 * timestamps. Every store adapter extends this suite; each test uses an experiment key of its own, stored running.
 */
public abstract class MeasurementContract {

    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");
    private static final FlagKey FLAG = new FlagKey("checkout");
    private static final VariantKey CONTROL = new VariantKey("control");
    private static final VariantKey TREATMENT = new VariantKey("treatment");
    private static final Metric CONVERTED = new Metric(
            new MetricKey("converted"),
            new EventName("purchase"),
            MetricType.BINOMIAL,
            MetricRole.PRIMARY,
            Duration.ofHours(24));
    private static final Metric REVENUE = new Metric(
            new MetricKey("revenue"),
            new EventName("purchase"),
            MetricType.MEAN,
            MetricRole.SECONDARY,
            Duration.ofHours(24));

    /** Both sides of measurement over one store; implementations share their state. */
    protected abstract MeasurementLog log();

    protected abstract ExperimentMeasurements measurements();

    /** Keeps the experiment where the store's experiments are, as creating and starting it would. */
    protected abstract void stored(Experiment experiment);

    private final String run = "m" + Long.toHexString(System.nanoTime());

    private Experiment experiment() {
        return Experiment.draft(
                        new ExperimentKey(run),
                        "Checkout",
                        "",
                        FLAG,
                        EnvironmentKey.PRODUCTION,
                        CONTROL,
                        List.of(CONVERTED, REVENUE),
                        STARTED)
                .start(
                        new Split(List.of(new Split.Weight(CONTROL, 5_000), new Split.Weight(TREATMENT, 5_000))),
                        STARTED);
    }

    @BeforeEach
    void aRunningExperiment() {
        stored(experiment());
    }

    /** The metric's outcome per variant, without the covariate. */
    private Map<VariantKey, SampleMoments> outcomes(Metric metric) {
        return measurements().samples(experiment(), 1, metric).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().outcome()));
    }

    private ExperimentExposure exposure(String unit, VariantKey variant, Instant at) {
        return new ExperimentExposure(
                new ExperimentKey(run),
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        FLAG,
                        3,
                        variant,
                        new UnitId(unit),
                        at,
                        Reason.SPLIT,
                        Optional.empty()));
    }

    private static TrackedEvent purchase(String unit, Instant at, Double value) {
        return new TrackedEvent(
                EnvironmentKey.PRODUCTION,
                new EventName("purchase"),
                new UnitId(unit),
                value == null ? OptionalDouble.empty() : OptionalDouble.of(value),
                at,
                "{}");
    }

    private EventBatch anonymous() {
        return new EventBatch("sender-" + run, Optional.empty());
    }

    @Test
    void a_unit_exposed_ten_times_counts_once() {
        List<ExperimentExposure> repeats = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            repeats.add(exposure("u-1", CONTROL, STARTED.plusSeconds(i)));
        }
        log().recordExposures(repeats.subList(0, 4));
        log().recordExposures(repeats.subList(4, 10));

        assertThat(measurements().units(experiment(), 1)).isEqualTo(new PhaseUnits(Map.of(CONTROL, 1L), 0));
    }

    @Test
    void a_unit_that_saw_two_variants_is_a_multiple_exposure_whether_in_one_batch_or_two() {
        log().recordExposures(
                        List.of(exposure("u-1", CONTROL, STARTED), exposure("u-1", TREATMENT, STARTED.plusSeconds(1))));
        log().recordExposures(List.of(exposure("u-2", CONTROL, STARTED)));
        log().recordExposures(List.of(exposure("u-2", TREATMENT, STARTED.plusSeconds(5))));
        log().recordExposures(List.of(exposure("u-3", TREATMENT, STARTED)));

        PhaseUnits units = measurements().units(experiment(), 1);

        assertThat(units).isEqualTo(new PhaseUnits(Map.of(TREATMENT, 1L), 2));
        assertThat(units.multipleShare()).isEqualTo(2.0 / 3);
    }

    @Test
    void a_stored_unit_seen_with_two_variants_in_a_later_batch_becomes_a_multiple_exposure() {
        log().recordExposures(List.of(exposure("u-1", CONTROL, STARTED)));
        log().recordExposures(List.of(
                exposure("u-1", CONTROL, STARTED.plusSeconds(1)), exposure("u-1", TREATMENT, STARTED.plusSeconds(2))));

        assertThat(measurements().units(experiment(), 1)).isEqualTo(new PhaseUnits(Map.of(), 1));
    }

    @Test
    void an_earlier_exposure_arriving_late_becomes_the_first() {
        Instant later = STARTED.plus(Duration.ofHours(2));
        log().recordExposures(List.of(exposure("u-1", CONTROL, later)));
        log().recordExposures(List.of(exposure("u-1", CONTROL, STARTED)));
        // bought an hour after the true first exposure, within its window; before the late one's
        log().recordBatch(anonymous(), List.of(purchase("u-1", STARTED.plus(Duration.ofHours(1)), 20.0)), List.of());

        assertThat(outcomes(CONVERTED)).containsEntry(CONTROL, new SampleMoments(1, 1, 1));
    }

    private boolean absorbs(String unit, VariantKey variant, Instant at) {
        return log().absorbs(new ExperimentRun(new ExperimentKey(run), 1), new UnitId(unit), variant, at);
    }

    @Test
    void a_stored_unit_absorbs_its_variant_from_its_first_exposure_on_and_nothing_else() {
        assertThat(absorbs("u-1", CONTROL, STARTED)).as("nothing written yet").isFalse();
        log().recordExposures(List.of(exposure("u-1", CONTROL, STARTED)));

        assertThat(absorbs("u-1", CONTROL, STARTED)).isTrue();
        assertThat(absorbs("u-1", CONTROL, STARTED.plusSeconds(60))).isTrue();
        assertThat(absorbs("u-1", TREATMENT, STARTED.plusSeconds(60)))
                .as("another variant makes it multiple")
                .isFalse();
        assertThat(absorbs("u-1", CONTROL, STARTED.minusSeconds(1)))
                .as("an earlier exposure becomes the first")
                .isFalse();
        assertThat(absorbs("u-2", CONTROL, STARTED.plusSeconds(60))).isFalse();
        assertThat(log().absorbs(new ExperimentRun(new ExperimentKey(run), 2), new UnitId("u-1"), CONTROL, STARTED))
                .as("another phase")
                .isFalse();
    }

    @Test
    void a_unit_marked_multiple_absorbs_any_variant_from_its_first_exposure_on() {
        log().recordExposures(List.of(exposure("u-1", CONTROL, STARTED)));
        log().recordExposures(List.of(exposure("u-1", TREATMENT, STARTED.plusSeconds(5))));

        assertThat(absorbs("u-1", TREATMENT, STARTED.plusSeconds(6))).isTrue();
        assertThat(absorbs("u-1", CONTROL, STARTED)).isTrue();
        assertThat(absorbs("u-1", TREATMENT, STARTED.minusSeconds(1))).isFalse();
    }

    @Test
    void exposures_stored_with_a_batch_of_events_are_absorbed_as_well() {
        log().recordBatch(anonymous(), List.of(), List.of(exposure("u-1", TREATMENT, STARTED)));

        assertThat(absorbs("u-1", TREATMENT, STARTED.plusSeconds(1))).isTrue();
    }

    @Test
    void a_binomial_metric_counts_units_that_sent_the_event_within_the_window_after_exposure() {
        log().recordExposures(List.of(
                exposure("a", CONTROL, STARTED),
                exposure("b", CONTROL, STARTED),
                exposure("c", CONTROL, STARTED),
                exposure("d", TREATMENT, STARTED)));
        log().recordBatch(
                        anonymous(),
                        List.of(
                                purchase("a", STARTED.plus(Duration.ofHours(1)), 10.0),
                                purchase("a", STARTED.plus(Duration.ofHours(2)), 5.0),
                                purchase("b", STARTED.minusSeconds(60), 10.0), // before exposure
                                purchase("c", STARTED.plus(Duration.ofHours(25)), 10.0), // after the window
                                purchase("d", STARTED.plus(Duration.ofMinutes(5)), null),
                                purchase("stranger", STARTED.plus(Duration.ofMinutes(5)), 99.0)),
                        List.of());

        Map<VariantKey, SampleMoments> converted = outcomes(CONVERTED);

        assertThat(converted)
                .containsEntry(CONTROL, new SampleMoments(3, 1, 1))
                .containsEntry(TREATMENT, new SampleMoments(1, 1, 1));
    }

    @Test
    void a_mean_metric_sums_each_units_values_counting_an_event_without_one_as_one() {
        log().recordExposures(List.of(
                exposure("a", CONTROL, STARTED), exposure("b", CONTROL, STARTED), exposure("d", TREATMENT, STARTED)));
        log().recordBatch(
                        anonymous(),
                        List.of(
                                purchase("a", STARTED.plus(Duration.ofHours(1)), 10.0),
                                purchase("a", STARTED.plus(Duration.ofHours(2)), 5.0),
                                purchase("d", STARTED.plus(Duration.ofMinutes(5)), null)),
                        List.of());

        Map<VariantKey, SampleMoments> revenue = outcomes(REVENUE);

        // control: a = 15, b = 0; treatment: d = 1
        assertThat(revenue)
                .containsEntry(CONTROL, new SampleMoments(2, 15, 225))
                .containsEntry(TREATMENT, new SampleMoments(1, 1, 1));
    }

    @Test
    void multiple_exposures_are_left_out_of_metrics() {
        log().recordExposures(List.of(
                exposure("a", CONTROL, STARTED),
                exposure("a", TREATMENT, STARTED.plusSeconds(1)),
                exposure("b", CONTROL, STARTED)));
        log().recordBatch(anonymous(), List.of(purchase("a", STARTED.plusSeconds(60), 7.0)), List.of());

        assertThat(outcomes(CONVERTED)).isEqualTo(Map.of(CONTROL, new SampleMoments(1, 0, 0)));
    }

    @Test
    void a_batch_with_an_idempotency_key_is_stored_once() {
        log().recordExposures(List.of(exposure("a", CONTROL, STARTED)));
        EventBatch batch = new EventBatch("sender-" + run, Optional.of("batch-1"));
        List<TrackedEvent> events = List.of(purchase("a", STARTED.plusSeconds(60), 4.0));

        assertThat(log().recordBatch(batch, events, List.of())).isTrue();
        assertThat(log().recordBatch(batch, events, List.of())).isFalse();
        assertThat(log().recordBatch(new EventBatch("another-" + run, Optional.of("batch-1")), List.of(), List.of()))
                .isTrue();

        assertThat(outcomes(REVENUE)).isEqualTo(Map.of(CONTROL, new SampleMoments(1, 4, 16)));
    }

    @Test
    void a_retried_batch_records_its_exposures_with_its_events_once() {
        EventBatch batch = new EventBatch("sender-" + run, Optional.of("batch-2"));
        List<ExperimentExposure> exposures =
                List.of(exposure("a", CONTROL, STARTED), exposure("b", TREATMENT, STARTED));
        List<TrackedEvent> events = List.of(purchase("a", STARTED.plusSeconds(60), 4.0));

        assertThat(log().recordBatch(batch, events, exposures)).isTrue();
        assertThat(log().recordBatch(batch, events, exposures)).isFalse();

        assertThat(measurements().units(experiment(), 1))
                .isEqualTo(new PhaseUnits(Map.of(CONTROL, 1L, TREATMENT, 1L), 0));
        assertThat(outcomes(REVENUE)).containsEntry(CONTROL, new SampleMoments(1, 4, 16));
    }

    @Test
    void an_event_arriving_late_changes_the_next_answer() {
        log().recordExposures(List.of(exposure("a", CONTROL, STARTED), exposure("b", TREATMENT, STARTED)));
        assertThat(outcomes(REVENUE)).containsEntry(CONTROL, new SampleMoments(1, 0, 0));

        // sent days after the purchase it reports, which fell in the window of a's first exposure
        log().recordBatch(anonymous(), List.of(purchase("a", STARTED.plus(Duration.ofHours(3)), 12.0)), List.of());

        assertThat(outcomes(REVENUE))
                .containsEntry(CONTROL, new SampleMoments(1, 12, 144))
                .containsEntry(TREATMENT, new SampleMoments(1, 0, 0));
    }

    @Test
    void a_new_exposure_changes_the_next_answer() {
        log().recordExposures(List.of(exposure("a", CONTROL, STARTED)));
        log().recordBatch(
                        anonymous(),
                        List.of(purchase("b", STARTED.plus(Duration.ofDays(1)).plusSeconds(60), 5.0)),
                        List.of());
        assertThat(outcomes(REVENUE)).isEqualTo(Map.of(CONTROL, new SampleMoments(1, 0, 0)));

        log().recordExposures(List.of(exposure("b", TREATMENT, STARTED.plus(Duration.ofDays(1)))));

        assertThat(outcomes(REVENUE))
                .isEqualTo(Map.of(CONTROL, new SampleMoments(1, 0, 0), TREATMENT, new SampleMoments(1, 5, 25)));
        assertThat(measurements().units(experiment(), 1))
                .isEqualTo(new PhaseUnits(Map.of(CONTROL, 1L, TREATMENT, 1L), 0));
    }

    @Test
    void a_unit_seeing_another_variant_days_later_leaves_the_answer_of_its_first_day() {
        log().recordExposures(List.of(exposure("a", CONTROL, STARTED), exposure("b", CONTROL, STARTED)));
        log().recordBatch(anonymous(), List.of(purchase("a", STARTED.plusSeconds(60), 3.0)), List.of());
        assertThat(outcomes(REVENUE)).isEqualTo(Map.of(CONTROL, new SampleMoments(2, 3, 9)));

        log().recordExposures(List.of(exposure("a", TREATMENT, STARTED.plus(Duration.ofDays(2)))));

        assertThat(outcomes(REVENUE)).isEqualTo(Map.of(CONTROL, new SampleMoments(1, 0, 0)));
        assertThat(measurements().units(experiment(), 1)).isEqualTo(new PhaseUnits(Map.of(CONTROL, 1L), 1));
    }

    @Test
    void an_exposure_on_an_earlier_day_arriving_late_moves_the_unit_to_that_day() {
        Instant nextDay = STARTED.plus(Duration.ofDays(1));
        log().recordExposures(List.of(exposure("a", CONTROL, nextDay)));
        log().recordBatch(anonymous(), List.of(purchase("a", STARTED.plus(Duration.ofHours(1)), 8.0)), List.of());
        assertThat(outcomes(CONVERTED)).isEqualTo(Map.of(CONTROL, new SampleMoments(1, 0, 0)));

        log().recordExposures(List.of(exposure("a", CONTROL, STARTED)));

        assertThat(outcomes(CONVERTED)).isEqualTo(Map.of(CONTROL, new SampleMoments(1, 1, 1)));
    }

    @Test
    void the_covariate_is_the_metric_over_the_fourteen_days_before_each_units_first_exposure() {
        Instant later = STARTED.plus(Duration.ofDays(3));
        log().recordExposures(List.of(
                exposure("a", CONTROL, STARTED),
                exposure("b", CONTROL, later),
                exposure("c", CONTROL, STARTED),
                exposure("d", TREATMENT, STARTED)));
        log().recordBatch(
                        anonymous(),
                        List.of(
                                purchase("a", STARTED.minus(Duration.ofDays(2)), 4.0),
                                purchase("a", STARTED.minus(Duration.ofDays(1)), 2.0),
                                purchase("a", STARTED.plus(Duration.ofHours(1)), 10.0),
                                // before b's first exposure, though after the experiment started
                                purchase("b", STARTED.plus(Duration.ofDays(1)), 7.0),
                                purchase("c", STARTED.minus(Duration.ofDays(15)), 100.0), // before the lookback
                                purchase("c", STARTED.plus(Duration.ofHours(2)), null),
                                purchase("d", STARTED.minusSeconds(1), null)),
                        List.of());

        Map<VariantKey, VariantSample> revenue = measurements().samples(experiment(), 1, REVENUE);
        Map<VariantKey, VariantSample> converted = measurements().samples(experiment(), 1, CONVERTED);

        // control (pre, post): a (6, 10), b (7, 0), c (0, 1); treatment: d (1, 0)
        assertThat(revenue.get(CONTROL))
                .isEqualTo(VariantSample.of(
                        CONTROL, new SampleMoments(3, 11, 101), new Covariate(new SampleMoments(3, 13, 85), 60)));
        assertThat(revenue.get(TREATMENT))
                .isEqualTo(VariantSample.of(
                        TREATMENT, new SampleMoments(1, 0, 0), new Covariate(new SampleMoments(1, 1, 1), 0)));
        // converted (pre, post): a (1, 1), b (1, 0), c (0, 1)
        assertThat(converted.get(CONTROL))
                .isEqualTo(VariantSample.of(
                        CONTROL, new SampleMoments(3, 2, 2), new Covariate(new SampleMoments(3, 2, 2), 1)));
    }
}
