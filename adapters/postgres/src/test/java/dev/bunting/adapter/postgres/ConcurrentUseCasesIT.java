package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.application.Outcome;
import dev.bunting.application.StoreBreaker;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.identity.ChangeUserRole;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Target;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Use cases racing each other on a real PostgreSQL, where units of work interleave as they do in production. */
class ConcurrentUseCasesIT {

    private static final Instant NOW = Instant.parse("2026-07-01T09:00:00Z");
    private static final Principal ADMIN =
            new Principal.SignedIn(new UserId("u-admin"), new Email("admin@example.com"), Role.ADMIN);
    private static final FlagKey CHECKOUT = new FlagKey("checkout");
    private static final int WRITERS = 8;
    private static final int WRITES_EACH = 10;

    private static DatabaseUrl database;
    private static PostgresStore postgres;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InProcessConfigCache cache = new InProcessConfigCache(clock, Duration.ofSeconds(60), 64);
    private final ChangeFlagConfig changeConfig = new ChangeFlagConfig(
            postgres,
            cache,
            Evaluators.standard(),
            new EnvironmentRules(postgres, cache, Evaluators.standard(), new StoreBreaker(clock, Runnable::run), clock),
            clock);

    @BeforeAll
    static void connect() {
        database = TestDatabase.migratedDatabase();
        postgres = PostgresStore.connect(database, WRITERS);
    }

    @AfterAll
    static void disconnect() {
        postgres.close();
    }

    @BeforeEach
    void arrange() {
        TestDatabase.restoreInitialState(database);
        new CreateFlag(postgres, new InProcessConfigCache(clock, Duration.ofSeconds(60), 64), clock)
                .create(new CreateFlag.Command(ADMIN, CHECKOUT, null, null, null, null, null, null, null));
    }

    @Test
    void targets_added_concurrently_without_a_version_all_succeed_and_are_all_kept() throws Exception {
        List<Outcome<EnvironmentConfig>> outcomes =
                race(writer -> new ConfigChange.AddTarget(VariantKey.TRUE, "unit-" + writer));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Outcome.Done.class));
        EnvironmentConfig stored = postgres.inTransaction(r -> r.flags().findConfig(CHECKOUT, EnvironmentKey.STAGING))
                .orElseThrow();
        assertThat(stored.config().targets())
                .singleElement()
                .extracting(Target::units)
                .asInstanceOf(InstanceOfAssertFactories.collection(String.class))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, WRITERS * WRITES_EACH)
                        .mapToObj(i -> "unit-" + i)
                        .toList());
        assertThat(stored.version()).isEqualTo(WRITERS * WRITES_EACH);
    }

    @Test
    void toggles_without_a_version_all_succeed_and_each_flips_what_the_last_one_left() throws Exception {
        List<Outcome<EnvironmentConfig>> outcomes = race(writer -> new ConfigChange.Toggle(null));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Outcome.Done.class));
        EnvironmentConfig stored = postgres.inTransaction(r -> r.flags().findConfig(CHECKOUT, EnvironmentKey.STAGING))
                .orElseThrow();
        assertThat(stored.version()).isEqualTo(WRITERS * WRITES_EACH);
        // an even number of flips from off
        assertThat(stored.config().enabled()).isFalse();
    }

    @Test
    void two_admins_demoting_each_other_at_once_always_leave_one_admin() throws Exception {
        User alice = anAdmin("u-alice", "alice@example.com");
        User bob = anAdmin("u-bob", "bob@example.com");
        ChangeUserRole changeRole = new ChangeUserRole(
                postgres,
                new KeyRevocations(new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys()),
                clock);
        for (int round = 0; round < 25; round++) {
            postgres.inTransaction(r -> {
                r.users().update(alice);
                return r.users().update(bob);
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome<User>>> demotions;
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                demotions = List.of(
                        pool.submit(() -> {
                            start.await();
                            return changeRole.change(
                                    new ChangeUserRole.Command(principal(alice), bob.id(), Role.DEVELOPER));
                        }),
                        pool.submit(() -> {
                            start.await();
                            return changeRole.change(
                                    new ChangeUserRole.Command(principal(bob), alice.id(), Role.DEVELOPER));
                        }));
                start.countDown();
            }

            assertThat(postgres.inTransaction(r -> r.users().list()).stream().filter(user -> user.role() == Role.ADMIN))
                    .as("admins after round " + round)
                    .hasSize(1);
            assertThat(demotions)
                    .filteredOn(demotion -> demotion.resultNow() instanceof Outcome.Refused)
                    .hasSize(1);
        }
    }

    private static User anAdmin(String id, String email) {
        User admin = new User(
                new UserId(id),
                new Email(email),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                Role.ADMIN,
                NOW,
                NOW);
        postgres.inTransaction(r -> r.users().insert(admin));
        return admin;
    }

    private static Principal principal(User user) {
        return new Principal.SignedIn(user.id(), user.email(), user.role());
    }

    /** Each writer makes its changes one after another, all writers at once; change number i is {@code change.apply(i)}. */
    private List<Outcome<EnvironmentConfig>> race(IntFunction<ConfigChange> change) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Outcome<EnvironmentConfig>>>> tasks = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int first = writer * WRITES_EACH;
            tasks.add(() -> {
                start.await();
                List<Outcome<EnvironmentConfig>> outcomes = new ArrayList<>();
                for (int i = first; i < first + WRITES_EACH; i++) {
                    outcomes.add(changeConfig.change(new ChangeFlagConfig.Command(
                            ADMIN, CHECKOUT, EnvironmentKey.STAGING, OptionalLong.empty(), change.apply(i))));
                }
                return outcomes;
            });
        }
        List<Outcome<EnvironmentConfig>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<List<Outcome<EnvironmentConfig>>>> futures =
                    tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<List<Outcome<EnvironmentConfig>>> future : futures) {
                outcomes.addAll(future.get(60, TimeUnit.SECONDS));
            }
        }
        return outcomes;
    }
}
