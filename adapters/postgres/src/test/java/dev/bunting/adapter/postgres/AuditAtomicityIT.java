package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.application.Outcome;
import dev.bunting.application.StoreBreaker;
import dev.bunting.application.audit.StoreState;
import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.application.identity.ChangeUserRole;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.key.CreateKey;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A change and its audit entry are one unit of work on PostgreSQL: when anything fails after the change was made and
 * before the commit, neither the change nor the entry remains. Each use case that changes something is run three ways:
 * failing after its whole unit of work ran (entry recorded, not yet committed), failing just after the entry was
 * written, and with the database itself refusing the audit insert. A healthy run of the same use case then commits
 * exactly one entry, so each case is a real change.
 */
class AuditAtomicityIT {

    private static final Instant NOW = Instant.parse("2026-07-01T09:00:00Z");
    private static final Principal ADMIN =
            new Principal.SignedIn(new UserId("u-admin"), new Email("admin@example.com"), Role.ADMIN);
    private static final FlagKey CHECKOUT = new FlagKey("checkout");
    private static final EnvironmentKey QA = new EnvironmentKey("qa");
    private static final UserId BOB = new UserId("u-bob");

    private static DatabaseUrl database;
    private static PostgresStore postgres;

    @BeforeAll
    static void connect() {
        database = TestDatabase.migratedDatabase();
        postgres = PostgresStore.connect(database, 4);
    }

    @AfterAll
    static void disconnect() {
        postgres.close();
    }

    /** A flag with a config in production, an environment qa, and a viewer bob: something for every use case to change. */
    @BeforeEach
    void arrange() {
        TestDatabase.restoreInitialState(database);
        UseCases healthy = new UseCases(postgres);
        healthy.createFlag.create(new CreateFlag.Command(ADMIN, CHECKOUT, null, null, null, null, null, null, null));
        healthy.changeConfig.change(new ChangeFlagConfig.Command(
                ADMIN, CHECKOUT, EnvironmentKey.PRODUCTION, OptionalLong.empty(), new ConfigChange.Toggle(true)));
        healthy.createEnvironment.create(new CreateEnvironment.Command(ADMIN, QA, null, false, Optional.empty()));
        postgres.inTransaction(r -> r.users()
                .insert(new User(
                        BOB,
                        new Email("bob@example.com"),
                        new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                        Role.VIEWER,
                        NOW,
                        NOW)));
    }

    record Change(String name, Function<UseCases, Outcome<?>> action) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Failure {
        AFTER_THE_UNIT_OF_WORK,
        AFTER_THE_ENTRY_IS_WRITTEN,
        THE_DATABASE_REFUSES_THE_ENTRY
    }

    static Stream<Arguments> changesAndFailures() {
        List<Change> changes = List.of(
                new Change(
                        "create a flag",
                        u -> u.createFlag.create(new CreateFlag.Command(
                                ADMIN, new FlagKey("search"), null, null, null, null, null, null, null))),
                new Change(
                        "update a flag",
                        u -> u.updateFlag.update(new UpdateFlag.Command(
                                ADMIN, CHECKOUT, 1, "Renamed", null, null, null, null, null, null))),
                new Change(
                        "delete a flag with its configs",
                        u -> u.deleteFlag.delete(new DeleteFlag.Command(ADMIN, CHECKOUT, OptionalLong.empty()))),
                new Change(
                        "change a config",
                        u -> u.changeConfig.change(new ChangeFlagConfig.Command(
                                ADMIN,
                                CHECKOUT,
                                EnvironmentKey.PRODUCTION,
                                OptionalLong.empty(),
                                new ConfigChange.Rollout(BigDecimal.TEN)))),
                new Change(
                        "create an environment",
                        u -> u.createEnvironment.create(new CreateEnvironment.Command(
                                ADMIN, new EnvironmentKey("preview"), null, false, Optional.empty()))),
                new Change(
                        "delete an environment",
                        u -> u.deleteEnvironment.delete(new DeleteEnvironment.Command(ADMIN, QA))),
                new Change(
                        "change an environment's settings",
                        u -> u.updateEnvironment.update(new UpdateEnvironment.Command(
                                ADMIN, QA, Optional.of("Quality"), Optional.empty(), Optional.of(false)))),
                new Change(
                        "make a key",
                        u -> u.createKey.create(
                                new CreateKey.Command(ADMIN, "deploy", new KeyScope.Management(Role.DEVELOPER)))),
                new Change(
                        "change a user's role",
                        u -> u.changeUserRole.change(new ChangeUserRole.Command(ADMIN, BOB, Role.DEVELOPER))));
        return changes.stream()
                .flatMap(change -> Arrays.stream(Failure.values()).map(failure -> Arguments.of(change, failure)));
    }

    @ParameterizedTest(name = "{0}, failing {1}")
    @MethodSource("changesAndFailures")
    void a_failure_before_the_commit_leaves_neither_the_change_nor_its_entry(Change change, Failure failure)
            throws SQLException {
        SortedMap<String, StoreState.Resource> before = StoreState.of(postgres);
        List<AuditRecord> trailBefore = StoreState.trail(postgres);

        if (failure == Failure.THE_DATABASE_REFUSES_THE_ENTRY) {
            refuseAuditInserts(true);
            try {
                assertThatThrownBy(() -> change.action().apply(new UseCases(postgres)))
                        .isInstanceOf(StoreUnavailableException.class);
            } finally {
                refuseAuditInserts(false);
            }
        } else {
            UseCases failing = new UseCases(new FailingStore(postgres, failure));
            assertThatThrownBy(() -> change.action().apply(failing)).isInstanceOf(InjectedFailure.class);
        }

        assertThat(StoreState.of(postgres)).as("the state after the failure").isEqualTo(before);
        assertThat(StoreState.trail(postgres)).as("the trail after the failure").isEqualTo(trailBefore);
        assertThat(change.action().apply(new UseCases(postgres)))
                .as("the same change, healthy")
                .isInstanceOf(Outcome.Done.class);
        assertThat(StoreState.trail(postgres))
                .as("the trail after the healthy change")
                .hasSize(trailBefore.size() + 1);
    }

    /** A constraint no new row can meet, so the database itself fails the audit insert after the change was made. */
    private static void refuseAuditInserts(boolean refuse) throws SQLException {
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    refuse
                            ? "ALTER TABLE audit_log ADD CONSTRAINT refuse_every_insert CHECK (false) NOT VALID"
                            : "ALTER TABLE audit_log DROP CONSTRAINT refuse_every_insert");
        }
    }

    private static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String where) {
            super("failure injected " + where);
        }
    }

    /** The real store, with a failure injected into each unit of work where {@code failure} says. */
    private record FailingStore(Store store, Failure failure) implements Store {

        @Override
        public <T> T inTransaction(Work<T> work) {
            return store.inTransaction(r -> {
                Repositories repositories = failure != Failure.AFTER_THE_ENTRY_IS_WRITTEN
                        ? r
                        : new Repositories(
                                r.flags(),
                                r.environments(),
                                r.users(),
                                r.keys(),
                                entry -> {
                                    r.audit().record(entry);
                                    throw new InjectedFailure("just after the entry was written");
                                },
                                r.trail(),
                                r.experiments());
                T result = work.run(repositories);
                throw new InjectedFailure("when only the commit was left to do, after " + result);
            });
        }

        @Override
        public boolean isReachable() {
            return store.isReachable();
        }
    }

    /** The use cases that change things, over one store. */
    static final class UseCases {
        final CreateFlag createFlag;
        final UpdateFlag updateFlag;
        final DeleteFlag deleteFlag;
        final ChangeFlagConfig changeConfig;
        final CreateEnvironment createEnvironment;
        final DeleteEnvironment deleteEnvironment;
        final ChangeUserRole changeUserRole;
        final UpdateEnvironment updateEnvironment;
        final CreateKey createKey;

        UseCases(Store store) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            ConfigCache cache = new InProcessConfigCache(clock, Duration.ofSeconds(60), 64);
            createFlag = new CreateFlag(store, cache, clock);
            updateFlag = new UpdateFlag(store, cache, clock);
            deleteFlag = new DeleteFlag(store, cache, clock);
            changeConfig = new ChangeFlagConfig(
                    store,
                    cache,
                    Evaluators.standard(),
                    new EnvironmentRules(
                            store, cache, Evaluators.standard(), new StoreBreaker(clock, Runnable::run), clock),
                    clock);
            createEnvironment = new CreateEnvironment(store, clock);
            deleteEnvironment = new DeleteEnvironment(
                    store,
                    cache,
                    new KeyRevocations(new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys()),
                    clock);
            changeUserRole = new ChangeUserRole(
                    store,
                    new KeyRevocations(new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys()),
                    clock);
            updateEnvironment = new UpdateEnvironment(store, cache, clock);
            createKey = new CreateKey(store, new RandomIdGenerator(), new SecureRandomSecretGenerator(), clock);
        }
    }
}
