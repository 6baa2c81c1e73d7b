package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.experiment.ReadExposuresPerDay;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.ReadEvaluationCounts;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A flag's evaluations over time and an experiment's first exposures per day, as charts read them. */
class MeasurementHistoryTest {

    private static final FlagKey FLAG = new FlagKey("new-checkout");
    private static final ExperimentKey EXPERIMENT = new ExperimentKey("checkout-test");

    private final UseCases useCases = new UseCases();
    private final ReadEvaluationCounts evaluations =
            new ReadEvaluationCounts(useCases.store, useCases.measurements, useCases.clock);
    private final ReadExposuresPerDay exposures = new ReadExposuresPerDay(useCases.store, useCases.measurements);

    private <T> T done(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<T>) outcome).value();
    }

    private ReadEvaluationCounts.Query hourly(Instant from, Instant to) {
        return new ReadEvaluationCounts.Query(
                UseCases.VIEWER, FLAG, EnvironmentKey.PRODUCTION, from, to, TimeBucket.HOUR);
    }

    @Test
    void without_a_range_the_last_thirty_buckets_up_to_the_current_one_are_read() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())));
        Instant thisHour = UseCases.NOW.minusSeconds(UseCases.NOW.getEpochSecond() % 3_600);
        useCases.measurements.addEvaluationCounts(List.of(
                new EvaluationCount(EnvironmentKey.PRODUCTION, FLAG, VariantKey.TRUE, thisHour, 4),
                new EvaluationCount(
                        EnvironmentKey.PRODUCTION, FLAG, VariantKey.TRUE, thisHour.minus(Duration.ofDays(3)), 9)));

        ReadEvaluationCounts.Counts counts = done(evaluations.read(hourly(null, null)));

        assertThat(counts.to()).isEqualTo(thisHour.plus(Duration.ofHours(1)));
        assertThat(counts.from()).isEqualTo(counts.to().minus(Duration.ofHours(30)));
        assertThat(counts.points()).containsExactly(new VariantCount(VariantKey.TRUE, thisHour, 4));
    }

    @Test
    void a_range_that_ends_before_it_starts_or_covers_too_many_buckets_is_invalid_input() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())));

        assertThatThrownBy(() -> evaluations.read(hourly(UseCases.NOW, UseCases.NOW)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from must be before to");
        assertThatThrownBy(() -> evaluations.read(hourly(UseCases.NOW, UseCases.NOW.plus(Duration.ofDays(61)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 1440 buckets");
    }

    @Test
    void counts_of_a_flag_or_environment_that_does_not_exist_are_not_found() {
        assertThat(evaluations.read(hourly(null, null))).isInstanceOf(Outcome.NotFound.class);

        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())));
        var elsewhere = new ReadEvaluationCounts.Query(
                UseCases.VIEWER, FLAG, new EnvironmentKey("nowhere"), null, null, TimeBucket.DAY);
        assertThat(evaluations.read(elsewhere)).isInstanceOf(Outcome.NotFound.class);
    }

    @Test
    void first_exposures_are_read_for_the_latest_phase_unless_one_is_named() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())));
        var draft = new ReadExposuresPerDay.Query(UseCases.VIEWER, EXPERIMENT, OptionalInt.empty());
        assertThat(exposures.read(draft)).isInstanceOf(Outcome.NotFound.class);
        done(useCases.createExperiment.create(new CreateExperiment.Command(
                UseCases.ADMIN,
                EXPERIMENT,
                "Checkout",
                "",
                FLAG,
                EnvironmentKey.PRODUCTION,
                VariantKey.FALSE,
                List.of(new Metric(
                        new MetricKey("conversion"),
                        new EventName("purchase"),
                        MetricType.BINOMIAL,
                        MetricRole.PRIMARY,
                        Metric.DEFAULT_WINDOW)))));
        assertThat(exposures.read(draft)).isInstanceOf(Outcome.NotFound.class);
        done(useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN,
                FLAG,
                EnvironmentKey.PRODUCTION,
                OptionalLong.empty(),
                new ConfigChange.Rollout(new BigDecimal("50")))));
        done(useCases.changeExperiment.start(
                new ChangeExperiment.Target(UseCases.ADMIN, EXPERIMENT, OptionalLong.empty())));
        useCases.measurements.recordExposures(List.of(new ExperimentExposure(
                EXPERIMENT,
                1,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        FLAG,
                        1,
                        VariantKey.TRUE,
                        new UnitId("alice"),
                        UseCases.NOW,
                        Reason.SPLIT,
                        Optional.empty()))));

        ReadExposuresPerDay.Exposures latest = done(exposures.read(draft));

        assertThat(latest.phase().number()).isEqualTo(1);
        assertThat(latest.days())
                .containsExactly(new VariantCount(VariantKey.TRUE, Instant.parse("2026-11-22T00:00:00Z"), 1));
        assertThat(exposures.read(new ReadExposuresPerDay.Query(UseCases.VIEWER, EXPERIMENT, OptionalInt.of(2))))
                .isInstanceOf(Outcome.NotFound.class);
        assertThat(exposures.read(new ReadExposuresPerDay.Query(
                        UseCases.VIEWER, new ExperimentKey("missing"), OptionalInt.empty())))
                .isInstanceOf(Outcome.NotFound.class);
    }
}
