package dev.bunting.application;

import static dev.bunting.domain.environment.EnvironmentKey.DEVELOPMENT;
import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.evaluation.Freshness;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.domain.MutableClock;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the store cannot be reached, evaluation answers from the last config this instance saw, marked stale, and
 * leaves the store alone for a moment after each failure; once the store answers, answers are current again.
 */
class EvaluationDuringAnOutageTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final EvaluationAccess SERVER = new EvaluationAccess.Authenticated(UseCases.VIEWER);
    private static final EvaluationContext ALICE = EvaluationContext.of("alice");

    private final MutableClock clock = new MutableClock(START);
    private final Outages.SwitchableStore store = new Outages.SwitchableStore(new InMemoryStore(START));
    // the test moves the clock by hours: the cache forgets only when told to, as a cache between writes would
    private final InProcessConfigCache cache = new InProcessConfigCache(clock, Duration.ofDays(365), 64);
    private final Evaluator evaluator = Evaluators.standard();
    private final Outages.HoldingExecutor reads = new Outages.HoldingExecutor();
    private final EnvironmentRules rules =
            new EnvironmentRules(store, cache, evaluator, new StoreBreaker(clock, reads), clock);
    private final EvaluateFlag evaluateFlag = new EvaluateFlag(rules, Measuring.unread(clock));
    private final EvaluateAllFlags evaluateAllFlags = new EvaluateAllFlags(rules, Measuring.unread(clock));

    @BeforeEach
    void aFlagTargetingAliceInProduction() {
        new CreateFlag(store, cache, clock).create(FlagLifecycleTest.booleanFlag("dark-mode"));
        ChangeFlagConfig changeConfig = new ChangeFlagConfig(store, cache, evaluator, rules, clock);
        for (ConfigChange change :
                List.of(new ConfigChange.Toggle(true), new ConfigChange.AddTarget(VariantKey.TRUE, "alice"))) {
            changeConfig.change(new ChangeFlagConfig.Command(
                    UseCases.ADMIN, new FlagKey("dark-mode"), PRODUCTION, OptionalLong.empty(), change));
        }
    }

    @Test
    void an_environment_seen_before_the_outage_is_evaluated_from_that_config_marked_stale_with_its_real_reason() {
        assertThat(evaluate(PRODUCTION).freshness()).isEqualTo(Freshness.CURRENT);
        clock.advance(Duration.ofMinutes(5));
        store.down = true;
        cache.invalidate(PRODUCTION);

        EvaluateFlag.Result result = evaluate(PRODUCTION);

        assertThat(result.freshness()).isEqualTo(new Freshness.Stale(START));
        assertThat(result.evaluation().value()).isEqualTo(true);
        assertThat(result.evaluation().reason()).isEqualTo(Reason.TARGETING_MATCH);
    }

    @Test
    void bulk_evaluation_of_an_environment_seen_before_the_outage_is_stale_with_the_version_it_had() {
        EvaluateAllFlags.Result before = evaluateAll(PRODUCTION);
        store.down = true;
        cache.invalidate(PRODUCTION);

        EvaluateAllFlags.Result during = evaluateAll(PRODUCTION);

        assertThat(during.freshness()).isEqualTo(new Freshness.Stale(START));
        assertThat(during.configVersion()).isEqualTo(before.configVersion());
        assertThat(during.evaluations()).isEqualTo(before.evaluations());
    }

    @Test
    void an_environment_never_seen_before_the_outage_cannot_be_evaluated() {
        evaluate(PRODUCTION);
        store.down = true;

        assertThatThrownBy(() -> evaluate(STAGING)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void past_the_caches_capacity_only_the_environments_loaded_last_are_remembered_for_an_outage() {
        InProcessConfigCache small = new InProcessConfigCache(clock, Duration.ofDays(365), 2);
        EnvironmentRules bounded = new EnvironmentRules(store, small, evaluator, new StoreBreaker(clock, reads), clock);
        EvaluateFlag evaluate = new EvaluateFlag(bounded, Measuring.unread(clock));
        for (EnvironmentKey environment : List.of(PRODUCTION, STAGING, DEVELOPMENT)) {
            assertThat(evaluate.evaluate(query(environment))).isInstanceOf(Outcome.Done.class);
        }
        store.down = true;
        small.invalidateAll();

        assertThat(evaluate.evaluate(query(DEVELOPMENT)))
                .isInstanceOfSatisfying(
                        Outcome.Done.class,
                        done -> assertThat(((EvaluateFlag.Result) done.value()).freshness())
                                .isEqualTo(new Freshness.Stale(START)));
        assertThatThrownBy(() -> evaluate.evaluate(query(PRODUCTION))).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void an_environment_still_cached_is_current_during_an_outage_since_no_change_can_have_been_made() {
        evaluate(PRODUCTION);
        store.down = true;
        int attempts = store.transactions.get();

        assertThat(evaluate(PRODUCTION).freshness()).isEqualTo(Freshness.CURRENT);
        assertThat(store.transactions.get()).isEqualTo(attempts);
    }

    @Test
    void a_config_another_instance_put_in_a_shared_cache_is_remembered_as_well() {
        PreparedEnvironment loadedElsewhere = store.inTransaction(repositories -> PreparedEnvironment.prepare(
                repositories.environments().find(PRODUCTION).orElseThrow(),
                repositories.flags().statesIn(PRODUCTION),
                evaluator));
        cache.get(PRODUCTION, environment -> loadedElsewhere);
        assertThat(evaluate(PRODUCTION).freshness()).isEqualTo(Freshness.CURRENT);
        store.down = true;
        cache.invalidate(PRODUCTION);

        assertThat(evaluate(PRODUCTION).freshness()).isEqualTo(new Freshness.Stale(START));
    }

    @Test
    void
            after_a_failure_the_store_is_left_alone_for_a_second_then_tried_again_and_answers_are_current_once_it_answers() {
        evaluate(PRODUCTION);
        store.down = true;
        cache.invalidate(PRODUCTION);
        int attempts = store.transactions.get();

        assertThat(evaluate(PRODUCTION).freshness()).isInstanceOf(Freshness.Stale.class);
        assertThat(store.transactions.get()).as("the miss tried the store").isEqualTo(attempts + 1);
        clock.advance(StoreBreaker.RETRY_AFTER.minusMillis(1));
        store.down = false;
        assertThat(evaluate(PRODUCTION).freshness()).as("within the backoff").isInstanceOf(Freshness.Stale.class);
        assertThat(store.transactions.get()).as("not tried within the backoff").isEqualTo(attempts + 1);

        clock.advance(Duration.ofMillis(1));

        assertThat(evaluate(PRODUCTION).freshness()).isEqualTo(Freshness.CURRENT);
        assertThat(evaluate(PRODUCTION).freshness()).isEqualTo(Freshness.CURRENT);
        assertThat(store.transactions.get()).as("tried once more, then cached").isEqualTo(attempts + 2);
    }

    @Test
    void a_store_still_down_after_the_backoff_is_tried_once_per_second() {
        evaluate(PRODUCTION);
        store.down = true;
        cache.invalidate(PRODUCTION);
        int attempts = store.transactions.get();

        for (int tick = 0; tick < 30; tick++) {
            assertThat(evaluate(PRODUCTION).freshness()).isInstanceOf(Freshness.Stale.class);
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(store.transactions.get()).isEqualTo(attempts + 3);
    }

    @Test
    void the_backoff_also_spares_the_store_an_environment_that_cannot_fall_back() {
        evaluate(PRODUCTION);
        store.down = true;
        assertThatThrownBy(() -> evaluate(STAGING)).isInstanceOf(StoreUnavailableException.class);
        int attempts = store.transactions.get();

        assertThatThrownBy(() -> evaluate(STAGING)).isInstanceOf(StoreUnavailableException.class);

        assertThat(store.transactions.get()).isEqualTo(attempts);
    }

    @Test
    void once_the_backoff_is_over_one_evaluation_tries_the_store_waiting_only_briefly_even_without_a_fallback()
            throws Exception {
        evaluate(PRODUCTION);
        store.down = true;
        assertThatThrownBy(() -> evaluate(STAGING)).isInstanceOf(StoreUnavailableException.class);
        clock.advance(StoreBreaker.RETRY_AFTER);
        reads.holding = true;
        CompletableFuture<Throwable> trying =
                CompletableFuture.supplyAsync(() -> catchThrowable(() -> evaluate(STAGING)));
        reads.firstHeld.await();

        // another environment, which the cache does not make wait for the first one's load
        Throwable meanwhile = catchThrowable(() -> evaluate(DEVELOPMENT));

        assertThat(meanwhile).as("while the try is in flight").isInstanceOf(StoreUnavailableException.class);
        assertThat(trying.get())
                .as("the try, given up after the patience")
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(reads.held).as("one try").hasSize(1);
    }

    @Test
    void a_load_slower_than_the_patience_is_served_stale_while_it_is_in_flight_and_current_once_it_answers() {
        evaluate(PRODUCTION);
        cache.invalidate(PRODUCTION);
        reads.holding = true;

        assertThat(evaluate(PRODUCTION).freshness())
                .as("the load is still in flight")
                .isInstanceOf(Freshness.Stale.class);
        assertThat(evaluate(PRODUCTION).freshness()).as("while it is").isInstanceOf(Freshness.Stale.class);
        assertThat(reads.held).as("one load in flight, none piled on it").hasSize(1);

        reads.release();

        assertThat(evaluate(PRODUCTION).freshness())
                .as("the slow load answered, so the store is read again at once")
                .isEqualTo(Freshness.CURRENT);
    }

    @Test
    void an_environment_deleted_before_the_outage_does_not_come_back_as_stale() {
        evaluate(STAGING);
        new DeleteEnvironment(
                        store,
                        cache,
                        new KeyRevocations(new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys()),
                        clock)
                .delete(new DeleteEnvironment.Command(UseCases.ADMIN, STAGING));
        assertThat(evaluateFlag.evaluate(query(STAGING))).isInstanceOf(Outcome.NotFound.class);
        store.down = true;

        assertThatThrownBy(() -> evaluate(STAGING)).isInstanceOf(StoreUnavailableException.class);
    }

    private static EvaluateFlag.Query query(EnvironmentKey environment) {
        return new EvaluateFlag.Query(environment, "dark-mode", ALICE, Optional.empty(), SERVER);
    }

    private EvaluateFlag.Result evaluate(EnvironmentKey environment) {
        Outcome<EvaluateFlag.Result> outcome = evaluateFlag.evaluate(query(environment));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<EvaluateFlag.Result>) outcome).value();
    }

    private EvaluateAllFlags.Result evaluateAll(EnvironmentKey environment) {
        Outcome<EvaluateAllFlags.Result> outcome =
                evaluateAllFlags.evaluate(new EvaluateAllFlags.Query(environment, ALICE, SERVER));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<EvaluateAllFlags.Result>) outcome).value();
    }
}
