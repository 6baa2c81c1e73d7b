package dev.bunting.domain.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
    private static final VariantKey CONTROL = new VariantKey("control");
    private static final VariantKey TREATMENT = new VariantKey("treatment");
    private static final Metric CHECKOUT = new Metric(
            new MetricKey("checkout"),
            new EventName("checkout-completed"),
            MetricType.BINOMIAL,
            MetricRole.PRIMARY,
            Metric.DEFAULT_WINDOW);

    private static Split split(int control, int treatment) {
        return new Split(List.of(new Split.Weight(CONTROL, control), new Split.Weight(TREATMENT, treatment)));
    }

    private static Experiment draft() {
        return Experiment.draft(
                new ExperimentKey("new-checkout-test"),
                "New checkout",
                "The one-page checkout converts better",
                new FlagKey("new-checkout"),
                EnvironmentKey.PRODUCTION,
                CONTROL,
                List.of(CHECKOUT),
                CREATED);
    }

    @Test
    void a_draft_has_no_phase_and_collects_no_units() {
        Experiment draft = draft();

        assertThat(draft.status()).isEqualTo(ExperimentStatus.DRAFT);
        assertThat(draft.phases()).isEmpty();
        assertThat(draft.currentPhase()).isEmpty();
        assertThat(draft.version()).isEqualTo(1);
    }

    @Test
    void starting_opens_phase_one_with_the_splits_weights() {
        Instant at = CREATED.plusSeconds(60);
        Experiment running = draft().start(split(5_000, 5_000), at);

        assertThat(running.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(running.currentPhase()).contains(Phase.first(split(5_000, 5_000), at));
        assertThat(running.version()).isEqualTo(2);
        assertThat(running.updatedAt()).isEqualTo(at);
    }

    @Test
    void a_split_that_starves_the_control_or_serves_only_it_cannot_start() {
        assertThat(draft().refusalToStart(split(0, 10_000)))
                .hasValueSatisfying(r -> assertThat(r).contains("control 'control' no units"));
        assertThat(draft().refusalToStart(split(10_000, 0)))
                .hasValueSatisfying(r -> assertThat(r).contains("only the control"));
        assertThatThrownBy(() -> draft().start(split(10_000, 0), CREATED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_weight_change_while_running_ends_the_phase_and_opens_the_next() {
        Instant started = CREATED.plusSeconds(60);
        Instant reweighed = CREATED.plusSeconds(3_600);
        Experiment running = draft().start(split(9_000, 1_000), started);

        Experiment reweighted = running.followSplit(split(5_000, 5_000), reweighed);

        assertThat(reweighted.phases())
                .containsExactly(
                        Phase.first(split(9_000, 1_000), started).endedAt(reweighed),
                        new Phase(2, reweighed, java.util.Optional.empty(), split(5_000, 5_000)));
        assertThat(reweighted.version()).isEqualTo(running.version() + 1);
    }

    @Test
    void the_same_weights_or_a_stopped_experiment_leave_the_phases_alone() {
        Experiment running = draft().start(split(5_000, 5_000), CREATED);

        assertThat(running.followSplit(split(5_000, 5_000), CREATED.plusSeconds(5)))
                .isSameAs(running);
        assertThat(draft().followSplit(split(5_000, 5_000), CREATED)).isEqualTo(draft());
        Experiment stopped = running.stop(Decision.rollBack("no effect"), CREATED.plusSeconds(9));
        assertThat(stopped.followSplit(split(1_000, 9_000), CREATED.plusSeconds(10)))
                .isSameAs(stopped);
    }

    @Test
    void stopping_closes_the_phase_and_keeps_the_decision() {
        Instant stoppedAt = CREATED.plus(Duration.ofDays(14));
        Experiment stopped =
                draft().start(split(5_000, 5_000), CREATED).stop(Decision.ship(TREATMENT, "+2 points"), stoppedAt);

        assertThat(stopped.status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(stopped.phases().getLast().endedAt()).contains(stoppedAt);
        assertThat(stopped.decision()).contains(Decision.ship(TREATMENT, "+2 points"));
        assertThat(stopped.currentPhase()).isEmpty();
    }

    @Test
    void only_a_running_experiment_stops_and_only_with_a_variant_under_test() {
        Experiment running = draft().start(split(5_000, 5_000), CREATED);

        assertThat(draft().refusalToStop(Decision.rollBack(""))).isPresent();
        assertThat(running.refusalToStop(Decision.ship(new VariantKey("other"), "")))
                .hasValueSatisfying(r -> assertThat(r).contains("'other' is not one of the variants under test"));
        assertThat(running.refusalToStop(Decision.ship(TREATMENT, ""))).isEmpty();
    }

    @Test
    void archiving_needs_a_stop_first_and_then_nothing_changes() {
        Experiment running = draft().start(split(5_000, 5_000), CREATED);
        assertThat(running.refusalToArchive()).isPresent();

        Experiment archived =
                running.stop(Decision.rollBack(""), CREATED.plusSeconds(1)).archive(CREATED.plusSeconds(2));

        assertThat(archived.status()).isEqualTo(ExperimentStatus.ARCHIVED);
        assertThat(archived.refusalToArchive()).isPresent();
        assertThat(archived.refusalToEdit(CONTROL)).isPresent();
        assertThat(draft().archive(CREATED).status()).isEqualTo(ExperimentStatus.ARCHIVED);
    }

    @Test
    void metrics_may_change_while_running_but_the_control_only_in_a_draft() {
        Experiment running = draft().start(split(5_000, 5_000), CREATED);
        Metric revenue = new Metric(
                new MetricKey("revenue"),
                new EventName("order-paid"),
                MetricType.MEAN,
                MetricRole.SECONDARY,
                Duration.ofDays(7));

        Experiment edited = running.edit("New checkout", "", CONTROL, List.of(CHECKOUT, revenue), CREATED);

        assertThat(edited.metrics()).containsExactly(CHECKOUT, revenue);
        assertThat(running.refusalToEdit(TREATMENT))
                .hasValueSatisfying(r -> assertThat(r).contains("only while the experiment is a draft"));
        assertThat(draft().refusalToEdit(TREATMENT)).isEmpty();
    }

    @Test
    void metric_keys_are_distinct_and_windows_bounded() {
        assertThatThrownBy(() -> draft().edit("n", "", CONTROL, List.of(CHECKOUT, CHECKOUT), CREATED))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("metrics[1].key"));
        assertThatThrownBy(() -> new Metric(
                        new MetricKey("m"),
                        new EventName("e"),
                        MetricType.MEAN,
                        MetricRole.GUARDRAIL,
                        Duration.ofMinutes(5)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_decision_ships_a_variant_or_rolls_back_without_one() {
        assertThatThrownBy(() -> new Decision(Decision.Outcome.SHIP, java.util.Optional.empty(), ""))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Decision(Decision.Outcome.ROLL_BACK, java.util.Optional.of(TREATMENT), ""))
                .isInstanceOf(InvalidInputException.class);
    }
}
