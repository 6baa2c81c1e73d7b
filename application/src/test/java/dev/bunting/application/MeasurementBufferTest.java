package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.memory.InMemoryMeasurements;
import dev.bunting.application.measurement.MeasureEvaluations;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.domain.Contexts;
import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EvaluationCount;
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
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.MeasurementLog;
import dev.bunting.domain.port.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MeasurementBufferTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:30Z");
    private static final ExperimentKey KEY = new ExperimentKey("checkout-test");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryMeasurements store = new InMemoryMeasurements();
    private final Flag flag = Flags.aBooleanFlag("new-checkout").build();
    private final Split even =
            new Split(List.of(new Split.Weight(VariantKey.TRUE, 5_000), new Split.Weight(VariantKey.FALSE, 5_000)));

    private PreparedEnvironment environment(Optional<ExperimentRun> run, FlagConfig config) {
        return PreparedEnvironment.prepare(
                Environment.defaults(NOW).getLast(),
                List.of(new FlagState(
                        flag, new EnvironmentConfig(flag.key(), EnvironmentKey.PRODUCTION, config, 4, NOW), run)),
                Evaluators.standard());
    }

    private FlagConfig splitting() {
        return FlagConfig.initialFor(flag).withEnabled(true).withFallthrough(new Serve.Percentage(even));
    }

    private void evaluate(MeasureEvaluations measure, PreparedEnvironment environment, String unit) {
        PreparedFlag prepared = environment.flag("new-checkout").orElseThrow();
        EvaluationContext context = Contexts.user(unit).build();
        measure.evaluated(environment, prepared, context, prepared.evaluate(context));
    }

    private Experiment experiment() {
        return Experiment.draft(
                        KEY,
                        "t",
                        "",
                        flag.key(),
                        EnvironmentKey.PRODUCTION,
                        VariantKey.FALSE,
                        List.of(new Metric(
                                new MetricKey("m"),
                                new EventName("e"),
                                MetricType.BINOMIAL,
                                MetricRole.PRIMARY,
                                Metric.DEFAULT_WINDOW)),
                        NOW)
                .start(even, NOW);
    }

    @Test
    void split_evaluations_of_a_flag_under_experiment_are_exposures_once_flushed() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        PreparedEnvironment environment = environment(Optional.of(new ExperimentRun(KEY, 1)), splitting());

        for (int i = 0; i < 10; i++) {
            evaluate(measure, environment, "u-" + (i % 4));
        }
        assertThat(store.units(experiment(), 1).total()).isZero();
        buffer.flush(true);

        assertThat(store.units(experiment(), 1).total()).isEqualTo(4);
        assertThat(store.evaluations("production/new-checkout/true@2026-12-01T10:00:00Z")
                        + store.evaluations("production/new-checkout/false@2026-12-01T10:00:00Z"))
                .isEqualTo(10);
    }

    @Test
    void a_bulk_evaluation_counts_and_exposes_as_one_evaluation_per_flag_would() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        PreparedEnvironment experimenting = environment(Optional.of(new ExperimentRun(KEY, 1)), splitting());
        PreparedEnvironment plain = environment(Optional.empty(), splitting());

        for (int i = 0; i < 10; i++) {
            EvaluationContext context = Contexts.user("u-" + (i % 4)).build();
            for (PreparedEnvironment environment : List.of(experimenting, plain)) {
                PreparedFlag prepared = environment.flag("new-checkout").orElseThrow();
                measure.evaluatedAll(environment, context, List.of(prepared.evaluate(context)));
            }
        }
        buffer.flush(true);

        assertThat(experimenting.runsExperiments()).isTrue();
        assertThat(plain.runsExperiments()).isFalse();
        assertThat(store.units(experiment(), 1).total()).isEqualTo(4);
        assertThat(store.evaluations("production/new-checkout/true@2026-12-01T10:00:00Z")
                        + store.evaluations("production/new-checkout/false@2026-12-01T10:00:00Z"))
                .isEqualTo(20);
    }

    private VariantKey variantOf(PreparedEnvironment environment, String unit) {
        PreparedFlag prepared = environment.flag("new-checkout").orElseThrow();
        return prepared.evaluate(Contexts.user(unit).build()).variant();
    }

    private static VariantKey other(VariantKey variant) {
        return variant.equals(VariantKey.TRUE) ? VariantKey.FALSE : VariantKey.TRUE;
    }

    private void stored(String unit, VariantKey variant, Instant at) {
        store.recordExposures(List.of(new ExperimentExposure(
                KEY,
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        flag.key(),
                        4,
                        variant,
                        new UnitId(unit),
                        at,
                        Reason.SPLIT,
                        Optional.empty()))));
    }

    @Test
    void a_unit_seen_again_as_it_is_stored_is_counted_and_waits_for_no_flush() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        PreparedEnvironment environment = environment(Optional.of(new ExperimentRun(KEY, 1)), splitting());
        evaluate(measure, environment, "u-1");
        evaluate(measure, environment, "u-1");
        // not known stored until a flush commits it: both wait
        assertThat(buffer.pending()).isEqualTo(2);
        buffer.flush(true);

        for (int i = 0; i < 5; i++) {
            evaluate(measure, environment, "u-1");
        }

        assertThat(buffer.pending()).isZero();
        buffer.flush(true);
        assertThat(store.units(experiment(), 1).total()).isEqualTo(1);
        assertThat(store.evaluations(
                        "production/new-checkout/" + variantOf(environment, "u-1") + "@2026-12-01T10:00:00Z"))
                .isEqualTo(7);
    }

    @Test
    void a_unit_stored_with_another_variant_is_exposed_again_and_becomes_a_multiple_exposure() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        PreparedEnvironment environment = environment(Optional.of(new ExperimentRun(KEY, 1)), splitting());
        stored("u-1", other(variantOf(environment, "u-1")), NOW.minusSeconds(10));

        evaluate(measure, environment, "u-1");
        assertThat(buffer.pending()).isEqualTo(1);
        buffer.flush(true);

        assertThat(store.units(experiment(), 1)).isEqualTo(new PhaseUnits(Map.of(), 1));
    }

    @Test
    void an_exposure_earlier_than_the_stored_first_is_exposed_again_and_becomes_the_first() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        PreparedEnvironment environment = environment(Optional.of(new ExperimentRun(KEY, 1)), splitting());
        VariantKey variant = variantOf(environment, "u-1");
        // an SDK whose clock runs ahead sent it first
        stored("u-1", variant, NOW.plusSeconds(60));
        ExperimentRun run = new ExperimentRun(KEY, 1);
        assertThat(store.absorbs(run, new UnitId("u-1"), variant, NOW)).isFalse();

        evaluate(measure, environment, "u-1");
        assertThat(buffer.pending()).isEqualTo(1);
        buffer.flush(true);

        assertThat(store.absorbs(run, new UnitId("u-1"), variant, NOW)).isTrue();
        assertThat(store.units(experiment(), 1).units(variant)).isEqualTo(1);
    }

    @Test
    void without_a_running_experiment_or_a_split_only_counts_are_kept() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);

        evaluate(measure, environment(Optional.empty(), splitting()), "u-1");
        evaluate(measure, environment(Optional.of(new ExperimentRun(KEY, 1)), FlagConfig.initialFor(flag)), "u-2");
        buffer.flush(true);

        assertThat(buffer.pending()).isZero();
        assertThat(store.units(experiment(), 1)).isEqualTo(new PhaseUnits(Map.of(), 0));
        assertThat(store.evaluations("production/new-checkout/false@2026-12-01T10:00:00Z"))
                .isPositive();
    }

    @Test
    void a_full_buffer_drops_and_counts_rather_than_block_an_evaluation() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 3, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        PreparedEnvironment environment = environment(Optional.of(new ExperimentRun(KEY, 1)), splitting());

        for (int i = 0; i < 5; i++) {
            evaluate(measure, environment, "u-" + i);
        }

        assertThat(buffer.pending()).isEqualTo(3);
        assertThat(buffer.dropped()).isEqualTo(2);
    }

    @Test
    void exposures_a_failed_flush_could_not_write_wait_for_the_next() {
        AtomicBoolean storeDown = new AtomicBoolean(true);
        List<ExperimentExposure> written = new ArrayList<>();
        MeasurementLog flaky = new MeasurementLog() {
            @Override
            public void recordExposures(List<ExperimentExposure> exposures) {
                if (storeDown.get()) {
                    throw new StoreUnavailableException("down", new IllegalStateException());
                }
                written.addAll(exposures);
            }

            @Override
            public boolean absorbs(ExperimentRun run, UnitId unit, VariantKey variant, Instant at) {
                return false;
            }

            @Override
            public boolean recordBatch(
                    EventBatch batch, List<TrackedEvent> events, List<ExperimentExposure> exposures) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void addEvaluationCounts(List<EvaluationCount> counts) {
                if (storeDown.get()) {
                    throw new StoreUnavailableException("down", new IllegalStateException());
                }
            }
        };
        MeasurementBuffer buffer = new MeasurementBuffer(flaky, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        PreparedEnvironment environment = environment(Optional.of(new ExperimentRun(KEY, 1)), splitting());
        evaluate(measure, environment, "u-1");
        evaluate(measure, environment, "u-2");

        buffer.flush(true);
        assertThat(buffer.pending()).isEqualTo(2);
        storeDown.set(false);
        buffer.flush(true);

        assertThat(written).hasSize(2);
        assertThat(buffer.pending()).isZero();
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void counts_wait_for_their_interval_unless_a_flush_must_write_everything() {
        MeasurementBuffer buffer = new MeasurementBuffer(store, clock, 100, Duration.ofMinutes(1));
        MeasureEvaluations measure = new MeasureEvaluations(buffer, clock);
        evaluate(measure, environment(Optional.empty(), splitting()), "u-1");

        buffer.flush(false);
        long afterTimedFlush = store.evaluations("production/new-checkout/true@2026-12-01T10:00:00Z")
                + store.evaluations("production/new-checkout/false@2026-12-01T10:00:00Z");
        buffer.flush(true);

        assertThat(afterTimedFlush).isZero();
        assertThat(store.evaluations("production/new-checkout/true@2026-12-01T10:00:00Z")
                        + store.evaluations("production/new-checkout/false@2026-12-01T10:00:00Z"))
                .isEqualTo(1);
    }
}
