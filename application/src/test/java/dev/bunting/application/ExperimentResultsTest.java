package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bunting.adapter.memory.InMemoryMeasurements;
import dev.bunting.adapter.statistics.CommonsProbabilityDistributions;
import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.experiment.ReadExperimentResults;
import dev.bunting.application.experiment.ReadExperimentResults.PhaseResult;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.statistics.Effect;
import dev.bunting.domain.experiment.statistics.Inference;
import dev.bunting.domain.experiment.statistics.Interval;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.PValueCorrection;
import dev.bunting.domain.experiment.statistics.StatisticsEngine;
import dev.bunting.domain.experiment.statistics.VariantComparison;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentResultsTest {

    private static final FlagKey FLAG = new FlagKey("new-checkout");
    private static final ExperimentKey KEY = new ExperimentKey("checkout-test");
    private static final EventName PURCHASE = new EventName("purchase");
    private static final Metric CONVERSION = new Metric(
            new MetricKey("conversion"), PURCHASE, MetricType.BINOMIAL, MetricRole.PRIMARY, Metric.DEFAULT_WINDOW);
    private static final Metric REVENUE = new Metric(
            new MetricKey("revenue"), PURCHASE, MetricType.MEAN, MetricRole.SECONDARY, Metric.DEFAULT_WINDOW);
    private static final ReadExperimentResults.Settings FREQUENTIST =
            new ReadExperimentResults.Settings(Inference.FREQUENTIST, Optional.empty(), Optional.empty(), false);

    private final UseCases useCases = new UseCases();
    private final InMemoryMeasurements measurements = new InMemoryMeasurements();
    private final ReadExperimentResults results = new ReadExperimentResults(
            useCases.store, measurements, new StatisticsEngine(new CommonsProbabilityDistributions()));

    @BeforeEach
    void aRunningExperimentOnAnEvenSplit() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())));
        rollout("50");
        assertThat(useCases.createExperiment.create(new CreateExperiment.Command(
                        UseCases.ADMIN,
                        KEY,
                        "Checkout",
                        "",
                        FLAG,
                        EnvironmentKey.PRODUCTION,
                        VariantKey.FALSE,
                        List.of(CONVERSION, REVENUE))))
                .isInstanceOf(Outcome.Done.class);
        assertThat(useCases.changeExperiment.start(
                        new ChangeExperiment.Target(UseCases.ADMIN, KEY, OptionalLong.empty())))
                .isInstanceOf(Outcome.Done.class);
    }

    private void rollout(String percentage) {
        assertThat(useCases.changeConfig.change(new ChangeFlagConfig.Command(
                        UseCases.ADMIN,
                        FLAG,
                        EnvironmentKey.PRODUCTION,
                        OptionalLong.empty(),
                        new ConfigChange.Rollout(new BigDecimal(percentage)))))
                .isInstanceOf(Outcome.Done.class);
    }

    /** {@code units} units of {@code variant} in {@code phase}, the first {@code buyers} of whom buy for 10. */
    private void simulate(int phase, VariantKey variant, int units, int buyers) {
        List<ExperimentExposure> exposures = new ArrayList<>();
        List<TrackedEvent> purchases = new ArrayList<>();
        Instant at = UseCases.NOW.plusSeconds(phase * 3_600L);
        for (int i = 0; i < units; i++) {
            UnitId unit = new UnitId(variant + "-" + phase + "-" + i);
            exposures.add(new ExperimentExposure(
                    KEY,
                    phase,
                    new Exposure(
                            EnvironmentKey.PRODUCTION, FLAG, 1, variant, unit, at, Reason.SPLIT, Optional.empty())));
            if (i < buyers) {
                purchases.add(new TrackedEvent(
                        EnvironmentKey.PRODUCTION, PURCHASE, unit, OptionalDouble.of(10), at.plusSeconds(60), "{}"));
            }
        }
        measurements.recordExposures(exposures);
        measurements.recordBatch(new EventBatch("test", Optional.empty()), purchases, List.of());
    }

    private PhaseResult onlyPhase(ReadExperimentResults.Settings settings) {
        Outcome<ReadExperimentResults.Results> outcome = results.read(UseCases.VIEWER, KEY, settings);
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        List<PhaseResult> phases =
                ((Outcome.Done<ReadExperimentResults.Results>) outcome).value().phases();
        assertThat(phases).hasSize(1);
        return phases.getFirst();
    }

    @Test
    void each_variant_is_compared_with_the_control_on_every_metric() {
        simulate(1, VariantKey.FALSE, 2_000, 200);
        simulate(1, VariantKey.TRUE, 2_000, 300);

        PhaseResult phase = onlyPhase(FREQUENTIST);

        assertThat(phase.variants()).containsExactly(VariantKey.FALSE, VariantKey.TRUE);
        assertThat(phase.units())
                .isEqualTo(new PhaseUnits(Map.of(VariantKey.FALSE, 2_000L, VariantKey.TRUE, 2_000L), 0));
        assertThat(phase.srm().flagged()).isFalse();
        VariantComparison conversion =
                phase.metrics().getFirst().analysis().variants().getFirst();
        assertThat(conversion.mean()).isEqualTo(0.15);
        Effect.Frequentist relative = (Effect.Frequentist) conversion.relative();
        assertThat(relative.lift()).isCloseTo(0.5, within(1e-9));
        assertThat(relative.pValue()).isLessThan(0.001);
        VariantComparison revenue = phase.metrics().get(1).analysis().variants().getFirst();
        assertThat(revenue.mean()).isEqualTo(1.5);
        assertThat(phase.metrics().get(1).analysis().controlMean()).isEqualTo(1.0);
    }

    @Test
    void units_far_from_the_weights_are_flagged_as_a_sample_ratio_mismatch() {
        simulate(1, VariantKey.FALSE, 2_000, 200);
        simulate(1, VariantKey.TRUE, 1_700, 170);

        assertThat(onlyPhase(FREQUENTIST).srm().flagged()).isTrue();
    }

    @Test
    void a_weight_change_starts_a_phase_whose_results_stand_alone() {
        simulate(1, VariantKey.FALSE, 1_000, 100);
        simulate(1, VariantKey.TRUE, 1_000, 100);
        rollout("20");
        // 20 % true: 800 and 200 units match the new weights, which phase 1's would call a mismatch
        simulate(2, VariantKey.FALSE, 800, 80);
        simulate(2, VariantKey.TRUE, 200, 20);

        List<PhaseResult> phases = ((Outcome.Done<ReadExperimentResults.Results>)
                        results.read(UseCases.VIEWER, KEY, FREQUENTIST))
                .value()
                .phases();

        assertThat(phases).extracting(p -> p.units().total()).containsExactly(2_000L, 1_000L);
        assertThat(phases).extracting(p -> p.srm().flagged()).containsExactly(false, false);
    }

    @Test
    void a_correction_adjusts_p_values_across_every_metric_and_variant() {
        simulate(1, VariantKey.FALSE, 2_000, 200);
        simulate(1, VariantKey.TRUE, 2_000, 240);

        PhaseResult plain = onlyPhase(FREQUENTIST);
        PhaseResult holm = onlyPhase(new ReadExperimentResults.Settings(
                Inference.FREQUENTIST, Optional.empty(), Optional.of(PValueCorrection.HOLM_BONFERRONI), false));

        double conversion = ((Effect.Frequentist)
                        plain.metrics().get(0).analysis().variants().getFirst().relative())
                .pValue();
        double revenue = ((Effect.Frequentist)
                        plain.metrics().get(1).analysis().variants().getFirst().relative())
                .pValue();
        double adjusted = ((Effect.Frequentist)
                        holm.metrics().get(0).analysis().variants().getFirst().relative())
                .adjustedPValue()
                .orElseThrow();
        assertThat(adjusted)
                .isCloseTo(Math.min(1, Math.max(2 * Math.min(conversion, revenue), conversion)), within(1e-12));
    }

    @Test
    void the_bayesian_engine_gives_a_chance_to_beat_control() {
        simulate(1, VariantKey.FALSE, 2_000, 200);
        simulate(1, VariantKey.TRUE, 2_000, 300);

        Effect relative = onlyPhase(new ReadExperimentResults.Settings(
                        Inference.BAYESIAN, Optional.empty(), Optional.empty(), false))
                .metrics()
                .getFirst()
                .analysis()
                .variants()
                .getFirst()
                .relative();

        assertThat(relative)
                .isInstanceOfSatisfying(
                        Effect.Bayesian.class, b -> assertThat(b.chanceToWin()).isGreaterThan(0.99));
    }

    @Test
    void cuped_narrows_the_interval_when_units_bought_before_exposure_as_they_do_after() {
        Instant at = UseCases.NOW.plusSeconds(3_600);
        for (VariantKey variant : List.of(VariantKey.FALSE, VariantKey.TRUE)) {
            List<ExperimentExposure> exposures = new ArrayList<>();
            List<TrackedEvent> purchases = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                UnitId unit = new UnitId(variant + "-" + i);
                // each unit spends about what it spent the week before it was exposed
                double habit = 10 + i % 10 * 5;
                double lift = variant.equals(VariantKey.TRUE) ? 1 : 0;
                exposures.add(new ExperimentExposure(
                        KEY,
                        1,
                        new Exposure(
                                EnvironmentKey.PRODUCTION,
                                FLAG,
                                1,
                                variant,
                                unit,
                                at,
                                Reason.SPLIT,
                                Optional.empty())));
                purchases.add(purchase(unit, habit, at.minus(Duration.ofDays(7))));
                purchases.add(purchase(unit, habit + i % 3 + lift, at.plusSeconds(60)));
            }
            measurements.recordExposures(exposures);
            measurements.recordBatch(new EventBatch("test", Optional.empty()), purchases, List.of());
        }

        Interval plain = revenueInterval(false);
        Interval adjusted = revenueInterval(true);

        assertThat(adjusted.upper() - adjusted.lower()).isLessThan((plain.upper() - plain.lower()) / 5);
        assertThat(adjusted.lower()).isGreaterThan(0);
        assertThat(plain.lower()).isLessThan(0);
    }

    private static TrackedEvent purchase(UnitId unit, double value, Instant at) {
        return new TrackedEvent(EnvironmentKey.PRODUCTION, PURCHASE, unit, OptionalDouble.of(value), at, "{}");
    }

    private Interval revenueInterval(boolean cuped) {
        PhaseResult phase = onlyPhase(
                new ReadExperimentResults.Settings(Inference.FREQUENTIST, Optional.empty(), Optional.empty(), cuped));
        return ((Effect.Frequentist)
                        phase.metrics().get(1).analysis().variants().getFirst().absolute())
                .ci();
    }

    @Test
    void an_unknown_experiment_is_not_found_and_every_role_may_read_results() {
        assertThat(results.read(UseCases.VIEWER, new ExperimentKey("nope"), FREQUENTIST))
                .isEqualTo(Outcome.notFound("experiment 'nope'"));
    }
}
