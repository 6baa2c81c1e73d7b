package dev.bunting.domain.port;

import static dev.bunting.domain.port.StoreFixtures.CREATED;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Decision;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** How {@link ExperimentRepository} keeps experiments, and that only one runs on a flag in an environment. */
abstract class ExperimentRepositoryContract extends RepositoryContract {

    private static final FlagKey CHECKOUT = new FlagKey("checkout");
    private static final VariantKey CONTROL = new VariantKey("control");
    private static final VariantKey TREATMENT = new VariantKey("treatment");
    private static final Split EVEN =
            new Split(List.of(new Split.Weight(CONTROL, 5_000), new Split.Weight(TREATMENT, 5_000)));
    private static final Split MOSTLY_CONTROL =
            new Split(List.of(new Split.Weight(CONTROL, 9_000), new Split.Weight(TREATMENT, 1_000)));

    ExperimentRepositoryContract(StoreContract suite) {
        super(suite);
    }

    private static Experiment draft(String key, FlagKey flag, EnvironmentKey environment) {
        return Experiment.draft(
                new ExperimentKey(key),
                "Checkout test " + key,
                "A shorter checkout converts better",
                flag,
                environment,
                CONTROL,
                List.of(
                        new Metric(
                                new MetricKey("conversion"),
                                new EventName("checkout-completed"),
                                MetricType.BINOMIAL,
                                MetricRole.PRIMARY,
                                Metric.DEFAULT_WINDOW),
                        new Metric(
                                new MetricKey("revenue"),
                                new EventName("order-paid"),
                                MetricType.MEAN,
                                MetricRole.GUARDRAIL,
                                Duration.ofDays(7))),
                CREATED);
    }

    private boolean did(Predicate<ExperimentRepository> write) {
        return store.inTransaction(r -> write.test(r.experiments()));
    }

    private Optional<Experiment> one(Function<ExperimentRepository, Optional<Experiment>> read) {
        return store.inTransaction(r -> read.apply(r.experiments()));
    }

    private List<Experiment> many(Function<ExperimentRepository, List<Experiment>> read) {
        return store.inTransaction(r -> read.apply(r.experiments()));
    }

    @Test
    void an_inserted_experiment_is_found_exactly_as_it_was_written() {
        Experiment draft = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION);

        assertThat(did(r -> r.insert(draft))).isTrue();

        assertThat(one(r -> r.find(draft.key()))).contains(draft);
        assertThat(one(r -> r.find(new ExperimentKey("missing")))).isEmpty();
    }

    @Test
    void inserting_a_key_that_exists_returns_false_and_keeps_the_first() {
        Experiment first = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION);
        did(r -> r.insert(first));

        assertThat(did(r -> r.insert(draft("first", new FlagKey("other"), EnvironmentKey.STAGING))))
                .isFalse();

        assertThat(one(r -> r.find(first.key()))).contains(first);
    }

    @Test
    void every_phase_and_the_decision_survive_a_round_trip() {
        Experiment stopped = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION)
                .start(MOSTLY_CONTROL, CREATED)
                .followSplit(EVEN, LATER)
                .stop(Decision.ship(TREATMENT, "conversion up 2 points"), LATER.plusSeconds(86_400));
        did(r -> r.insert(stopped));

        assertThat(one(r -> r.find(stopped.key()))).contains(stopped);
    }

    @Test
    void an_update_naming_the_next_version_replaces_it_and_a_stale_one_changes_nothing() {
        Experiment draft = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION);
        did(r -> r.insert(draft));
        Experiment running = draft.start(EVEN, LATER);

        assertThat(did(r -> r.update(running))).isTrue();
        assertThat(did(r -> r.update(draft.archive(LATER)))).isFalse();

        assertThat(one(r -> r.find(draft.key()))).contains(running);
    }

    @Test
    void the_running_experiment_of_a_flag_is_found_per_environment() {
        Experiment production = draft("prod", CHECKOUT, EnvironmentKey.PRODUCTION);
        Experiment staging = draft("staging", CHECKOUT, EnvironmentKey.STAGING);
        did(r -> r.insert(production) && r.insert(staging));
        Experiment running = production.start(EVEN, LATER);
        did(r -> r.update(running));

        assertThat(one(r -> r.running(CHECKOUT, EnvironmentKey.PRODUCTION))).contains(running);
        assertThat(one(r -> r.running(CHECKOUT, EnvironmentKey.STAGING))).isEmpty();
        assertThat(one(r -> r.running(new FlagKey("other"), EnvironmentKey.PRODUCTION)))
                .isEmpty();
    }

    @Test
    void the_current_phase_of_a_running_experiment_travels_with_its_flags_state() {
        Flag flag = StoreFixtures.aFlag("checkout").build();
        did(r -> store.inTransaction(all -> all.flags().insert(flag)));
        Experiment draft = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION);
        did(r -> r.insert(draft));
        did(r -> r.update(draft.start(MOSTLY_CONTROL, CREATED)));
        did(r -> r.update(draft.start(MOSTLY_CONTROL, CREATED).followSplit(EVEN, LATER)));

        List<FlagState> production = store.inTransaction(r -> r.flags().statesIn(EnvironmentKey.PRODUCTION));
        List<FlagState> staging = store.inTransaction(r -> r.flags().statesIn(EnvironmentKey.STAGING));

        assertThat(production)
                .singleElement()
                .satisfies(state -> assertThat(state.experiment()).contains(new ExperimentRun(draft.key(), 2)));
        assertThat(staging)
                .singleElement()
                .satisfies(state -> assertThat(state.experiment()).isEmpty());
    }

    @Test
    void a_second_experiment_cannot_run_on_the_same_flag_and_environment() {
        Experiment first = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION);
        Experiment second = draft("second", CHECKOUT, EnvironmentKey.PRODUCTION);
        did(r -> r.insert(first) && r.insert(second));
        did(r -> r.update(first.start(EVEN, LATER)));

        assertThatThrownBy(() -> did(r -> r.update(second.start(EVEN, LATER))))
                .isInstanceOf(ExperimentAlreadyRunningException.class);

        assertThat(one(r -> r.find(second.key()))).contains(second);
    }

    @Test
    void listing_filters_by_flag_environment_and_status_and_orders_by_key() {
        Experiment b = draft("b", CHECKOUT, EnvironmentKey.PRODUCTION);
        Experiment a = draft("a", CHECKOUT, EnvironmentKey.STAGING);
        Experiment c = draft("c", new FlagKey("search"), EnvironmentKey.PRODUCTION);
        did(r -> r.insert(b) && r.insert(a) && r.insert(c));
        Experiment runningB = b.start(EVEN, LATER);
        did(r -> r.update(runningB));

        assertThat(many(r -> r.list(ExperimentQuery.ALL))).containsExactly(a, runningB, c);
        assertThat(many(r -> r.list(new ExperimentQuery(Optional.of(CHECKOUT), Optional.empty(), Optional.empty()))))
                .containsExactly(a, runningB);
        assertThat(many(r -> r.list(new ExperimentQuery(
                        Optional.empty(),
                        Optional.of(EnvironmentKey.PRODUCTION),
                        Optional.of(ExperimentStatus.DRAFT)))))
                .containsExactly(c);
    }

    @Test
    void deleting_needs_the_stored_version() {
        Experiment draft = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION);
        did(r -> r.insert(draft));

        assertThat(did(r -> r.delete(draft.key(), draft.version() + 1))).isFalse();
        assertThat(one(r -> r.find(draft.key()))).isPresent();
        assertThat(did(r -> r.delete(draft.key(), draft.version()))).isTrue();
        assertThat(one(r -> r.find(draft.key()))).isEmpty();
        assertThat(did(r -> r.delete(draft.key(), draft.version()))).isFalse();
    }

    @Test
    void a_rolled_back_transaction_leaves_no_experiment() {
        Experiment draft = draft("first", CHECKOUT, EnvironmentKey.PRODUCTION);

        assertThatThrownBy(() -> store.inTransaction(r -> {
                    r.experiments().insert(draft);
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");

        assertThat(one(r -> r.find(draft.key()))).isEmpty();
    }
}
