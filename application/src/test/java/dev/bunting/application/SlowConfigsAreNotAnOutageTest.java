package dev.bunting.application;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.evaluation.CommonsCodecMurmur3Hash;
import dev.bunting.adapter.evaluation.Re2jRegexEngine;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.evaluation.Freshness;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.domain.MutableClock;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.RegexEngine;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.VariantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Only a store that fails opens the breaker. A config that takes longer than the breaker's patience to compile, or a
 * read that is slow but answers, leaves it closed: a toggle is served at once, and environments never seen before load.
 */
class SlowConfigsAreNotAnOutageTest {

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    private static final EvaluationAccess SERVER = new EvaluationAccess.Authenticated(UseCases.VIEWER);
    private static final FlagKey FLAG = new FlagKey("kill-switch");

    private final MutableClock clock = new MutableClock(START);
    private final Outages.SwitchableStore store = new Outages.SwitchableStore(new InMemoryStore(START));
    private final InProcessConfigCache cache = new InProcessConfigCache(clock, Duration.ofDays(365), 64);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void a_config_slower_to_compile_than_the_patience_is_served_by_the_first_evaluation_after_a_toggle() {
        Evaluator evaluator =
                new Evaluator(new CommonsCodecMurmur3Hash(), new SlowToCompile(StoreBreaker.PATIENCE.multipliedBy(2)));
        EnvironmentRules rules = new EnvironmentRules(store, cache, evaluator, new StoreBreaker(clock, threads), clock);
        EvaluateFlag evaluateFlag = new EvaluateFlag(rules, Measuring.unread(clock));
        ChangeFlagConfig changeConfig = new ChangeFlagConfig(store, cache, evaluator, rules, clock);
        new CreateFlag(store, cache, clock).create(FlagLifecycleTest.booleanFlag(FLAG.value()));
        change(
                changeConfig,
                new ConfigChange.Replace(new FlagConfig(
                        true,
                        VariantKey.FALSE,
                        List.of(),
                        List.of(new Rule(
                                new RuleId("beta"),
                                null,
                                List.of(Clause.of("email", Operator.MATCHES, "@beta\\.example$")),
                                new Serve.Fixed(VariantKey.FALSE))),
                        new Serve.Fixed(VariantKey.TRUE))));
        assertThat(evaluate(evaluateFlag, PRODUCTION).evaluation().value()).isEqualTo(true);

        change(changeConfig, new ConfigChange.Toggle(false));

        EvaluateFlag.Result afterToggle = evaluate(evaluateFlag, PRODUCTION);
        assertThat(afterToggle.freshness()).isEqualTo(Freshness.CURRENT);
        assertThat(afterToggle.evaluation().value())
                .as("the toggle, served by the next evaluation")
                .isEqualTo(false);
        assertThat(evaluate(evaluateFlag, STAGING).freshness())
                .as("an environment never seen before")
                .isEqualTo(Freshness.CURRENT);
    }

    @Test
    void a_read_slower_than_the_patience_falls_back_for_its_caller_alone_and_opens_nothing() {
        Evaluator evaluator = new Evaluator(new CommonsCodecMurmur3Hash(), new Re2jRegexEngine());
        Outages.HoldingExecutor reads = new Outages.HoldingExecutor();
        EvaluateFlag evaluateFlag = new EvaluateFlag(
                new EnvironmentRules(store, cache, evaluator, new StoreBreaker(clock, reads), clock),
                Measuring.unread(clock));
        new CreateFlag(store, cache, clock).create(FlagLifecycleTest.booleanFlag(FLAG.value()));
        evaluate(evaluateFlag, PRODUCTION);
        cache.invalidate(PRODUCTION);
        reads.holding = true;

        assertThat(evaluate(evaluateFlag, PRODUCTION).freshness())
                .as("the load is still in flight")
                .isInstanceOf(Freshness.Stale.class);
        assertThat(evaluate(evaluateFlag, PRODUCTION).freshness())
                .as("while it is")
                .isInstanceOf(Freshness.Stale.class);
        assertThat(reads.held).as("no second read piled on a slow store").hasSize(1);
        assertThat(evaluate(evaluateFlag, STAGING).freshness())
                .as("an environment never seen before, meanwhile")
                .isEqualTo(Freshness.CURRENT);

        reads.release();

        assertThat(evaluate(evaluateFlag, PRODUCTION).freshness())
                .as("once the slow read answered")
                .isEqualTo(Freshness.CURRENT);
    }

    @Test
    void a_toggle_is_served_by_the_next_evaluation_even_when_an_evaluations_own_read_would_overrun() {
        Evaluator evaluator = new Evaluator(new CommonsCodecMurmur3Hash(), new Re2jRegexEngine());
        Outages.HoldingExecutor reads = new Outages.HoldingExecutor();
        EnvironmentRules rules = new EnvironmentRules(store, cache, evaluator, new StoreBreaker(clock, reads), clock);
        EvaluateFlag evaluateFlag = new EvaluateFlag(rules, Measuring.unread(clock));
        new CreateFlag(store, cache, clock).create(FlagLifecycleTest.booleanFlag(FLAG.value()));
        assertThat(evaluate(evaluateFlag, PRODUCTION).evaluation().value()).isEqualTo(false);
        reads.holding = true;

        change(new ChangeFlagConfig(store, cache, evaluator, rules, clock), new ConfigChange.Toggle(true));

        EvaluateFlag.Result afterToggle = evaluate(evaluateFlag, PRODUCTION);
        assertThat(afterToggle.freshness()).isEqualTo(Freshness.CURRENT);
        assertThat(afterToggle.evaluation().value())
                .as("prepared by the write, before its answer")
                .isEqualTo(true);
        assertThat(reads.held).as("no evaluation had to read").isEmpty();
    }

    private static void change(ChangeFlagConfig changeConfig, ConfigChange change) {
        Outcome<?> outcome = changeConfig.change(
                new ChangeFlagConfig.Command(UseCases.ADMIN, FLAG, PRODUCTION, OptionalLong.empty(), change));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
    }

    private static EvaluateFlag.Result evaluate(EvaluateFlag evaluateFlag, EnvironmentKey environment) {
        Outcome<EvaluateFlag.Result> outcome = evaluateFlag.evaluate(new EvaluateFlag.Query(
                environment, FLAG.value(), EvaluationContext.of("alice"), Optional.empty(), SERVER));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<EvaluateFlag.Result>) outcome).value();
    }

    /** RE2J, taking {@code delay} to compile each pattern, as a config of many patterns takes in all. */
    private record SlowToCompile(Duration delay) implements RegexEngine {
        @Override
        public Predicate<String> compile(String pattern) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Re2jRegexEngine().compile(pattern);
        }
    }
}
