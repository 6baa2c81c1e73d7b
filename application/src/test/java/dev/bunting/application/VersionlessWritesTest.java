package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.FlagPage;
import dev.bunting.domain.port.FlagQuery;
import dev.bunting.domain.port.FlagRepository;
import dev.bunting.domain.port.Store;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A write that names no version applies to whatever is current: another writer committing between its read and its
 * write makes it read again, never answer a conflict. A write that names a version still gets the conflict.
 */
class VersionlessWritesTest {

    private final UseCases useCases = new UseCases();
    private final InterleavingStore store = new InterleavingStore(useCases.store);
    private final ChangeFlagConfig changeConfig = new ChangeFlagConfig(
            store,
            useCases.cache,
            useCases.evaluator,
            new EnvironmentRules(
                    store,
                    useCases.cache,
                    useCases.evaluator,
                    new StoreBreaker(useCases.clock, Runnable::run),
                    useCases.clock),
            useCases.clock);
    private final DeleteFlag deleteFlag = new DeleteFlag(store, useCases.cache, useCases.clock);
    private final FlagKey key = new FlagKey("checkout");

    @Test
    void a_target_added_without_a_version_while_another_writer_commits_keeps_both_targets() {
        created();
        store.beforeNextWrite(() -> addTarget("first", OptionalLong.empty()));

        Outcome<EnvironmentConfig> outcome = addTarget("second", OptionalLong.empty());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Done.class, done -> {
            EnvironmentConfig config = (EnvironmentConfig) done.value();
            assertThat(config.version()).isEqualTo(2);
            assertThat(config.config().targets(VariantKey.TRUE, "first")).isTrue();
            assertThat(config.config().targets(VariantKey.TRUE, "second")).isTrue();
        });
    }

    @Test
    void a_toggle_without_a_version_while_another_writer_commits_applies_to_what_that_writer_left() {
        created();
        store.beforeNextWrite(() -> addTarget("first", OptionalLong.empty()));

        Outcome<EnvironmentConfig> outcome = changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN, key, EnvironmentKey.STAGING, OptionalLong.empty(), new ConfigChange.Toggle(true)));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Done.class,
                        done -> assertThat(((EnvironmentConfig) done.value())
                                        .config()
                                        .enabled())
                                .isTrue());
    }

    @Test
    void a_change_naming_a_version_that_another_writer_moved_past_is_still_a_conflict() {
        created();
        store.beforeNextWrite(() -> addTarget("first", OptionalLong.empty()));

        assertThat(addTarget("second", OptionalLong.of(0))).isInstanceOf(Outcome.VersionConflict.class);
    }

    @Test
    void a_delete_without_a_version_while_another_writer_updates_the_flag_deletes_it() {
        created();
        store.beforeNextWrite(() -> useCases.updateFlag.update(
                new UpdateFlag.Command(UseCases.ADMIN, key, 1, "Renamed", null, null, null, null, null, null)));

        Outcome<Flag> outcome = deleteFlag.delete(new DeleteFlag.Command(UseCases.ADMIN, key, OptionalLong.empty()));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Done.class,
                        done -> assertThat(((Flag) done.value()).name()).isEqualTo("Renamed"));
    }

    private void created() {
        assertThat(useCases.createFlag.create(
                        new CreateFlag.Command(UseCases.ADMIN, key, null, null, null, null, null, null, null)))
                .isInstanceOf(Outcome.Done.class);
    }

    private Outcome<EnvironmentConfig> addTarget(String unit, OptionalLong version) {
        return changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN,
                key,
                EnvironmentKey.STAGING,
                version,
                new ConfigChange.AddTarget(VariantKey.TRUE, unit)));
    }

    /**
     * The in-memory store, where another writer can be made to commit inside a unit of work, just before its first
     * write: as a concurrent writer on PostgreSQL commits between a reader's read and its conditional write.
     */
    private static final class InterleavingStore implements Store {

        private final InMemoryStore delegate;
        private final AtomicReference<Runnable> competitor = new AtomicReference<>();

        InterleavingStore(InMemoryStore delegate) {
            this.delegate = delegate;
        }

        void beforeNextWrite(Runnable writer) {
            competitor.set(writer);
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            return delegate.inTransaction(r -> work.run(new Repositories(
                    new Interleaving(r.flags()),
                    r.environments(),
                    r.users(),
                    r.keys(),
                    r.audit(),
                    r.trail(),
                    r.experiments())));
        }

        @Override
        public boolean isReachable() {
            return true;
        }

        private void competeOnce() {
            Runnable writer = competitor.getAndSet(null);
            if (writer != null) {
                writer.run();
            }
        }

        private final class Interleaving implements FlagRepository {
            private final FlagRepository flags;

            Interleaving(FlagRepository flags) {
                this.flags = flags;
            }

            @Override
            public Optional<Flag> find(FlagKey key) {
                return flags.find(key);
            }

            @Override
            public FlagPage list(FlagQuery query) {
                return flags.list(query);
            }

            @Override
            public boolean insert(Flag flag) {
                return flags.insert(flag);
            }

            @Override
            public boolean update(Flag flag) {
                return flags.update(flag);
            }

            @Override
            public boolean delete(FlagKey key, long expectedVersion) {
                competeOnce();
                return flags.delete(key, expectedVersion);
            }

            @Override
            public Optional<EnvironmentConfig> findConfig(FlagKey flag, EnvironmentKey environment) {
                return flags.findConfig(flag, environment);
            }

            @Override
            public boolean saveConfig(EnvironmentConfig config) {
                competeOnce();
                return flags.saveConfig(config);
            }

            @Override
            public List<FlagState> statesIn(EnvironmentKey environment) {
                return flags.statesIn(environment);
            }
        }
    }
}
