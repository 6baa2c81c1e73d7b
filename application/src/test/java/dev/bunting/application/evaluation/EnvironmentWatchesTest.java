package dev.bunting.application.evaluation;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.application.Outcome;
import dev.bunting.application.StoreBreaker;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.MutableClock;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watches' own guarantees where the use case cannot reach them: the moment a watch is added, and a store that stops answering. */
class EnvironmentWatchesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Principal ADMIN =
            new Principal.SignedIn(new UserId("admin"), new Email("admin@example.com"), Role.ADMIN);
    private static final EvaluationAccess SERVER = new EvaluationAccess.Authenticated(ADMIN);

    private final InMemoryStore store = new InMemoryStore(NOW);
    private final FailingStore failing = new FailingStore(store);
    private final InProcessConfigCache cache =
            new InProcessConfigCache(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1), 64);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Evaluator evaluator = Evaluators.standard();
    private final EnvironmentRules rules =
            new EnvironmentRules(failing, cache, evaluator, new StoreBreaker(clock, Runnable::run), clock);
    private final EnvironmentWatches watches = new EnvironmentWatches(rules, cache, Runnable::run);
    private final Heard heard = new Heard();

    @BeforeEach
    void aFlag() {
        new CreateFlag(store, cache, clock)
                .create(new CreateFlag.Command(
                        ADMIN, new FlagKey("dark-mode"), null, null, null, null, null, null, null));
    }

    @Test
    void a_change_landing_between_reading_the_environment_and_adding_the_watch_is_told_at_once() {
        PreparedEnvironment read = rules.of(PRODUCTION).orElseThrow().environment();
        toggle();

        EnvironmentWatches.Watch watch = watches.add(read, SERVER, heard);

        assertThat(watch.startedAt()).isEqualTo(read.version());
        assertThat(heard.events)
                .containsExactly(
                        rules.of(PRODUCTION).orElseThrow().environment().version());
    }

    @Test
    void when_the_new_version_cannot_be_read_the_watches_end_so_that_their_clients_reconnect() {
        watches.add(rules.of(PRODUCTION).orElseThrow().environment(), SERVER, heard);

        failing.down = true;
        cache.invalidate(PRODUCTION);

        assertThat(heard.endings).isEqualTo(1);
        assertThat(heard.events).isEmpty();
        assertThat(watches.open()).isZero();
    }

    @Test
    void a_watch_opening_while_the_store_is_down_ends_only_itself_not_the_watches_already_open() {
        MutableClock ticking = new MutableClock(NOW);
        InProcessConfigCache expiring = new InProcessConfigCache(ticking, Duration.ofMinutes(1), 64);
        EnvironmentRules outage =
                new EnvironmentRules(failing, expiring, evaluator, new StoreBreaker(ticking, Runnable::run), ticking);
        EnvironmentWatches following = new EnvironmentWatches(outage, expiring, Runnable::run);
        PreparedEnvironment read = outage.of(PRODUCTION).orElseThrow().environment();
        following.add(read, SERVER, heard);

        failing.down = true;
        ticking.advance(Duration.ofMinutes(2));
        Heard newcomer = new Heard();
        following.add(read, SERVER, newcomer);

        // only the last config seen is at hand: the newcomer, which cannot be told where it stands, reconnects later
        assertThat(newcomer.endings).isEqualTo(1);
        assertThat(heard.endings).isZero();
        assertThat(following.open()).isEqualTo(1);
    }

    @Test
    void after_a_pass_failed_unexpectedly_the_next_change_starts_another() {
        Queue<Runnable> handedOff = new ArrayDeque<>();
        EnvironmentWatches queued = new EnvironmentWatches(rules, cache, handedOff::add);
        List<String> told = new ArrayList<>();
        queued.add(rules.of(PRODUCTION).orElseThrow().environment(), SERVER, new EnvironmentWatches.Watcher() {
            @Override
            public void changed(String version) {
                told.add(version);
                if (told.size() == 1) {
                    throw new IllegalStateException("a watcher that fails once");
                }
            }

            @Override
            public void ended() {}
        });
        handedOff.poll().run();

        toggle();
        assertThatThrownBy(() -> handedOff.poll().run()).hasMessage("a watcher that fails once");
        toggle();
        handedOff.poll().run();

        assertThat(told)
                .hasSize(2)
                .last()
                .isEqualTo(rules.of(PRODUCTION).orElseThrow().environment().version());
    }

    private void toggle() {
        var command = new ChangeFlagConfig.Command(
                ADMIN, new FlagKey("dark-mode"), PRODUCTION, OptionalLong.empty(), new ConfigChange.Toggle(null));
        assertThat(new ChangeFlagConfig(store, cache, evaluator, rules, clock).change(command))
                .isInstanceOf(Outcome.Done.class);
    }

    /** Everything a watcher was told. */
    private static final class Heard implements EnvironmentWatches.Watcher {
        private final List<String> events = new ArrayList<>();
        private int endings;

        @Override
        public void changed(String version) {
            events.add(version);
        }

        @Override
        public void ended() {
            endings++;
        }
    }

    /** The store, until it is {@code down}: then every unit of work fails as an unreachable database does. */
    private static final class FailingStore implements Store {
        private final Store store;
        private volatile boolean down;

        FailingStore(Store store) {
            this.store = store;
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            if (down) {
                throw new StoreUnavailableException("the test's store is down", null);
            }
            return store.inTransaction(work);
        }

        @Override
        public boolean isReachable() {
            return !down;
        }
    }
}
