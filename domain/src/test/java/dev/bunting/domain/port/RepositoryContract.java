package dev.bunting.domain.port;

import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the repository contracts composed by {@link StoreContract} share: the store of the running test, and short ways
 * to run a unit of work on it.
 */
abstract class RepositoryContract {

    static final FlagKey MISSING = new FlagKey("no-such-flag");

    private final StoreContract suite;

    Store store;

    RepositoryContract(StoreContract suite) {
        this.suite = suite;
    }

    /** Runs after the suite's own {@code @BeforeEach}, which opens a new store for every test. */
    @BeforeEach
    void useTheSuitesStore() {
        store = suite.store;
    }

    List<AuditEntry> committedAuditEntries(Store committedTo) {
        return suite.committedAuditEntries(committedTo);
    }

    <T> T read(Function<Store.Repositories, T> work) {
        return store.inTransaction(work::apply);
    }

    boolean attempt(Predicate<Store.Repositories> work) {
        return store.inTransaction(work::test);
    }

    Optional<Flag> storedFlag(FlagKey key) {
        return store.inTransaction(r -> r.flags().find(key));
    }

    Optional<EnvironmentConfig> storedConfig(FlagKey flag, EnvironmentKey environment) {
        return store.inTransaction(r -> r.flags().findConfig(flag, environment));
    }

    FlagPage listed(FlagQuery query) {
        return store.inTransaction(r -> r.flags().list(query));
    }

    List<FlagState> states(EnvironmentKey environment) {
        return store.inTransaction(r -> r.flags().statesIn(environment));
    }

    List<Environment> environments() {
        return store.inTransaction(r -> r.environments().list());
    }

    void write(Consumer<Store.Repositories> work) {
        store.inTransaction(r -> {
            work.accept(r);
            return null;
        });
    }

    static List<String> keys(FlagPage page) {
        return page.items().stream().map(f -> f.key().value()).toList();
    }

    /** Runs one transaction per writer, all at once, and returns what each returned. */
    List<Boolean> race(IntFunction<Store.Work<Boolean>> writer) throws Exception {
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Store.Work<Boolean> work = writer.apply(i);
            tasks.add(() -> {
                start.await();
                return store.inTransaction(work);
            });
        }
        List<Boolean> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Boolean>> futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Boolean> outcome : futures) {
                outcomes.add(outcome.get(30, TimeUnit.SECONDS));
            }
        }
        return outcomes;
    }
}
