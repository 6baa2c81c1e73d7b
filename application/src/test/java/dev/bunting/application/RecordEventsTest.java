package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.memory.InMemoryMeasurements;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.measurement.RecordEvents;
import dev.bunting.application.measurement.SentEvent;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.key.KeyScope;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordEventsTest {

    private static final FlagKey FLAG = new FlagKey("new-checkout");
    private static final ExperimentKey KEY = new ExperimentKey("checkout-test");
    private static final Metric REVENUE = new Metric(
            new MetricKey("revenue"),
            new EventName("purchase"),
            MetricType.MEAN,
            MetricRole.PRIMARY,
            Metric.DEFAULT_WINDOW);
    private static final EvaluationAccess PRODUCTION_SDK =
            new EvaluationAccess.SdkKey(EnvironmentKey.PRODUCTION, KeyScope.Side.CLIENT);

    private final UseCases useCases = new UseCases();
    private final InMemoryMeasurements measurements = new InMemoryMeasurements();
    private final RecordEvents recordEvents = new RecordEvents(useCases.rules, measurements, useCases.clock);
    private Experiment experiment;

    @BeforeEach
    void aRunningExperiment() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())));
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag("quiet-flag")));
        useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN,
                FLAG,
                EnvironmentKey.PRODUCTION,
                OptionalLong.empty(),
                new ConfigChange.Rollout(new BigDecimal("50"))));
        useCases.createExperiment.create(new CreateExperiment.Command(
                UseCases.ADMIN,
                KEY,
                "Checkout",
                "",
                FLAG,
                EnvironmentKey.PRODUCTION,
                VariantKey.FALSE,
                List.of(REVENUE)));
        experiment = ((Outcome.Done<Experiment>) useCases.changeExperiment.start(
                        new ChangeExperiment.Target(UseCases.ADMIN, KEY, OptionalLong.empty())))
                .value();
    }

    private Outcome<RecordEvents.Receipt> send(
            EvaluationAccess access, Optional<String> idempotencyKey, List<SentEvent> events) {
        return recordEvents.record(
                new RecordEvents.Command(EnvironmentKey.PRODUCTION, access, "key-1", idempotencyKey, events));
    }

    private static RecordEvents.Receipt receipt(Outcome<RecordEvents.Receipt> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<RecordEvents.Receipt>) outcome).value();
    }

    private static SentEvent.Exposure exposure(String flag, String variant, String unit) {
        return new SentEvent.Exposure(flag, variant, unit, Optional.of(UseCases.NOW));
    }

    private static SentEvent.Track purchase(String unit, double value) {
        return new SentEvent.Track(
                "purchase", unit, OptionalDouble.of(value), Optional.of(UseCases.NOW.plusSeconds(30)), "{}");
    }

    private Map<VariantKey, SampleMoments> revenue() {
        return measurements.samples(experiment, 1, REVENUE).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().outcome()));
    }

    @Test
    void exposures_count_for_the_running_phase_and_purchases_for_the_metric() {
        RecordEvents.Receipt receipt = receipt(send(
                PRODUCTION_SDK,
                Optional.empty(),
                List.of(
                        exposure("new-checkout", "true", "u-1"),
                        exposure("new-checkout", "false", "u-2"),
                        purchase("u-1", 30))));

        assertThat(receipt).isEqualTo(new RecordEvents.Receipt(3, List.of(), false));
        assertThat(measurements.units(experiment, 1))
                .isEqualTo(new PhaseUnits(Map.of(VariantKey.TRUE, 1L, VariantKey.FALSE, 1L), 0));
        assertThat(revenue()).containsEntry(VariantKey.TRUE, new SampleMoments(1, 30, 900));
    }

    @Test
    void bad_events_are_rejected_by_position_with_field_errors_and_the_good_ones_kept() {
        RecordEvents.Receipt receipt = receipt(send(
                PRODUCTION_SDK,
                Optional.empty(),
                List.of(
                        exposure("new-checkout", "true", "u-1"),
                        exposure("no-such-flag", "true", "u-1"),
                        exposure("new-checkout", "blue", "u-1"),
                        new SentEvent.Track(
                                "purchase",
                                "u-1",
                                OptionalDouble.empty(),
                                Optional.of(UseCases.NOW.minus(Duration.ofDays(8))),
                                "{}"),
                        new SentEvent.Track("purchase", null, OptionalDouble.empty(), Optional.empty(), "{}"),
                        purchase("u-1", 5))));

        assertThat(receipt.accepted()).isEqualTo(2);
        assertThat(receipt.rejected())
                .extracting(r -> r.index() + " " + r.violations().getFirst().field() + " "
                        + r.violations().getFirst().code())
                .containsExactly(
                        "1 events[1].flag unknown_flag",
                        "2 events[2].variant unknown_variant",
                        "3 events[3].timestamp too_old",
                        "4 events[4].unit required");
        assertThat(revenue()).containsEntry(VariantKey.TRUE, new SampleMoments(1, 5, 25));
    }

    @Test
    void an_exposure_of_a_flag_without_a_running_experiment_is_accepted_and_counts_for_nothing() {
        RecordEvents.Receipt receipt =
                receipt(send(PRODUCTION_SDK, Optional.empty(), List.of(exposure("quiet-flag", "true", "u-1"))));

        assertThat(receipt.accepted()).isEqualTo(1);
        assertThat(measurements.units(experiment, 1).total()).isZero();
    }

    @Test
    void a_batch_retried_with_its_idempotency_key_is_stored_once() {
        List<SentEvent> batch = List.of(exposure("new-checkout", "true", "u-1"), purchase("u-1", 10));

        assertThat(receipt(send(PRODUCTION_SDK, Optional.of("b-1"), batch)).repeated())
                .isFalse();
        RecordEvents.Receipt again = receipt(send(PRODUCTION_SDK, Optional.of("b-1"), batch));

        assertThat(again).isEqualTo(new RecordEvents.Receipt(2, List.of(), true));
        assertThat(revenue()).containsEntry(VariantKey.TRUE, new SampleMoments(1, 10, 100));
    }

    @Test
    void events_need_the_environments_key_and_a_batch_has_at_most_five_hundred() {
        assertThat(send(EvaluationAccess.ANONYMOUS, Optional.empty(), List.of(purchase("u", 1))))
                .isInstanceOf(Outcome.Unauthenticated.class);
        assertThat(send(
                        new EvaluationAccess.SdkKey(EnvironmentKey.STAGING, KeyScope.Side.SERVER),
                        Optional.empty(),
                        List.of(purchase("u", 1))))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThatThrownBy(() -> send(PRODUCTION_SDK, Optional.empty(), Collections.nCopies(501, purchase("u", 1))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(revenue()).isEmpty();
    }
}
