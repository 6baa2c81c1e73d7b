package dev.bunting.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.application.Outcome;
import dev.bunting.application.StoreBreaker;
import dev.bunting.application.audit.StoreState.Resource;
import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.flag.ArchiveFlag;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.GetFlag;
import dev.bunting.application.flag.GetFlagConfig;
import dev.bunting.application.flag.RestoreFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.key.CreateKey;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.application.key.RevokeKey;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Target;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit trail is complete: a seeded random walk of a few hundred operations over the use cases (flags created,
 * updated and deleted; configs changed in several environments; environments created, changed and deleted; keys made
 * and revoked, environments' keys revoked with them), by actors of every
 * role, many of them refused, conflicting or invalid, and then the trail's after-documents, replayed in order from the
 * store's initial state, rebuild exactly the state the store ends in, timestamps included. Each entry's before-document
 * must also be what the replay holds at that point, so no change is missing between two entries.
 *
 * <p>Every store runs it: subclasses name the store. Each run prints its seed in its name and in any failure; to
 * replay one, add it to {@link #seeds()}.
 */
public abstract class AuditCompletenessProperty {

    private static final int OPERATIONS = 300;
    private static final List<String> FLAG_KEYS = List.of("checkout", "search", "banner", "dark-mode", "pricing");
    private static final List<String> ENVIRONMENT_KEYS =
            List.of("development", "staging", "production", "qa", "preview");
    private static final List<String> VARIANTS = List.of("true", "false", "red", "green", "blue");
    private static final List<String> UNITS = List.of("alice", "bob", "carol");
    /** Reads the state the actions left; every role may read. */
    private static final Principal READER =
            new Principal.SignedIn(new UserId("u-viewer"), new Email("viewer@example.com"), Role.VIEWER);

    private static final List<Principal> ACTORS = List.of(
            new Principal.SignedIn(new UserId("u-admin"), new Email("admin@example.com"), Role.ADMIN),
            new Principal.SignedIn(new UserId("u-dev"), new Email("dev@example.com"), Role.DEVELOPER),
            new Principal.ApiKey("k-deploy", "deploy", Role.ADMIN));

    /** @return a store with no flags and exactly the default environments */
    protected abstract Store newStore();

    /** Three fixed seeds, so every build checks the same walks, and a fresh one, so builds keep searching. */
    static Stream<Long> seeds() {
        return Stream.of(1L, 7L, 20_261_122L, ThreadLocalRandom.current().nextLong());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replaying_the_trail_rebuilds_exactly_the_state_the_store_ends_in(long seed) throws Exception {
        Store store = newStore();
        try {
            SortedMap<String, Resource> initial = StoreState.of(store);
            Walk walk = new Walk(store, new Random(seed));
            for (int i = 0; i < OPERATIONS; i++) {
                walk.step();
            }
            List<AuditRecord> trail = StoreState.trail(store);

            assertThat(trail).as("one entry per change").hasSize(walk.changes);
            assertThat(walk.changes).as("the walk changed things").isGreaterThan(OPERATIONS / 10);
            assertThat(replay(initial, trail)).isEqualTo(StoreState.of(store));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(
                    "the audit trail did not replay to the store's state with seed " + seed + ": " + e.getMessage(), e);
        } finally {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** Applies each entry's after-document to {@code initial}, checking its before-document against what is there. */
    private static SortedMap<String, Resource> replay(SortedMap<String, Resource> initial, List<AuditRecord> trail) {
        SortedMap<String, Resource> state = new TreeMap<>(initial);
        for (AuditRecord entry : trail) {
            String id = entry.entity().id();
            String what = "entry " + entry.id() + " (" + entry.action() + " of " + entry.entity() + ")";
            switch (entry.action()) {
                case "flag.created" -> {
                    assertThat(state).as(what).doesNotContainKey("flag:" + id);
                    state.put("flag:" + id, new Resource(entry.after(), entry.at(), entry.at()));
                }
                case "flag.updated", "flag.archived", "flag.restored" -> {
                    Resource current = state.get("flag:" + id);
                    assertThat(entry.before()).as(what).isEqualTo(current.document());
                    state.put("flag:" + id, new Resource(entry.after(), current.createdAt(), entry.at()));
                }
                case "flag.deleted" -> {
                    assertThat(entry.before())
                            .as(what)
                            .isEqualTo(state.remove("flag:" + id).document());
                    state.keySet().removeIf(key -> key.startsWith("config:" + id + "/"));
                }
                case "environment.created" -> {
                    assertThat(state).as(what).doesNotContainKey("environment:" + id);
                    state.put("environment:" + id, new Resource(entry.after(), entry.at(), null));
                }
                case "environment.updated" -> {
                    Resource current = state.get("environment:" + id);
                    assertThat(entry.before()).as(what).isEqualTo(current.document());
                    state.put("environment:" + id, new Resource(entry.after(), current.createdAt(), null));
                }
                case "environment.deleted" -> {
                    assertThat(entry.before())
                            .as(what)
                            .isEqualTo(state.remove("environment:" + id).document());
                    state.keySet().removeIf(key -> key.startsWith("config:") && key.endsWith("/" + id));
                    // its SDK keys stay, revoked by the entries just before this one
                    assertThat(state.values())
                            .as(what)
                            .noneMatch(key -> key.document() instanceof Map<?, ?> document
                                    && id.equals(document.get("environment"))
                                    && Boolean.FALSE.equals(document.get("revoked")));
                }
                case "key.created" -> {
                    assertThat(state).as(what).doesNotContainKey("key:" + id);
                    state.put("key:" + id, new Resource(entry.after(), entry.at(), null));
                }
                case "key.revoked" -> {
                    Resource current = state.get("key:" + id);
                    assertThat(entry.before()).as(what).isEqualTo(current.document());
                    state.put("key:" + id, new Resource(entry.after(), current.createdAt(), entry.at()));
                }
                default -> {
                    assertThat(entry.action()).as(what).startsWith("flag_config.");
                    String key = "config:" + id + "/" + entry.environment();
                    Resource current = state.get(key);
                    if (current == null) {
                        assertThat(((Map<?, ?>) entry.before()).get("version"))
                                .as(what + ": the first change starts at version 0")
                                .isEqualTo(BigDecimal.ZERO);
                    } else {
                        assertThat(entry.before()).as(what).isEqualTo(current.document());
                    }
                    state.put(key, new Resource(entry.after(), null, entry.at()));
                }
            }
        }
        return state;
    }

    /** The random walk: each step picks an operation, an actor, a flag and an environment from small pools. */
    private static final class Walk {

        private final Random random;
        private final CreateFlag createFlag;
        private final UpdateFlag updateFlag;
        private final DeleteFlag deleteFlag;
        private final ArchiveFlag archiveFlag;
        private final RestoreFlag restoreFlag;
        private final GetFlag getFlag;
        private final GetFlagConfig getConfig;
        private final ChangeFlagConfig changeConfig;
        private final CreateEnvironment createEnvironment;
        private final DeleteEnvironment deleteEnvironment;
        private final UpdateEnvironment updateEnvironment;
        private final CreateKey createKey;
        private final RevokeKey revokeKey;
        private final Store store;
        private int changes;
        private int rules;

        Walk(Store store, Random random) {
            this.random = random;
            Clock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
            ConfigCache cache = new InProcessConfigCache(clock, Duration.ofSeconds(60), 64);
            createFlag = new CreateFlag(store, cache, clock);
            updateFlag = new UpdateFlag(store, cache, clock);
            deleteFlag = new DeleteFlag(store, cache, clock);
            archiveFlag = new ArchiveFlag(store, cache, clock);
            restoreFlag = new RestoreFlag(store, cache, clock);
            getFlag = new GetFlag(store);
            getConfig = new GetFlagConfig(store);
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
            updateEnvironment = new UpdateEnvironment(store, cache, clock);
            createKey = new CreateKey(store, new RandomIdGenerator(), new SecureRandomSecretGenerator(), clock);
            revokeKey = new RevokeKey(store, new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys(), clock);
            this.store = store;
        }

        void step() {
            Principal actor = pick(ACTORS);
            FlagKey flag = new FlagKey(pick(FLAG_KEYS));
            EnvironmentKey environment = new EnvironmentKey(pick(ENVIRONMENT_KEYS));
            Outcome<?> outcome;
            Optional<Environment> environmentBefore =
                    store.inTransaction(r -> r.environments().find(environment));
            long workingKeysThere = store.inTransaction(r -> r.keys().list()).stream()
                    .filter(key -> !key.isRevoked()
                            && key.scope() instanceof KeyScope.Evaluation evaluation
                            && evaluation.environment().equals(environment))
                    .count();
            int operation = random.nextInt(26);
            try {
                outcome = switch (operation) {
                    case 0, 1, 2 -> createFlag.create(creation(actor, flag));
                    case 3, 4 -> updateFlag.update(update(actor, flag));
                    case 5 -> deleteFlag.delete(new DeleteFlag.Command(actor, flag, OptionalLong.empty()));
                    case 6 ->
                        createEnvironment.create(new CreateEnvironment.Command(
                                actor,
                                environment,
                                null,
                                random.nextInt(4) == 0,
                                random.nextBoolean() ? Optional.empty() : Optional.of(random.nextBoolean())));
                    case 7 -> deleteEnvironment.delete(new DeleteEnvironment.Command(actor, environment));
                    case 20 ->
                        updateEnvironment.update(new UpdateEnvironment.Command(
                                actor,
                                environment,
                                random.nextBoolean() ? Optional.of("Name " + random.nextInt(10)) : Optional.empty(),
                                random.nextBoolean() ? Optional.of(random.nextBoolean()) : Optional.empty(),
                                random.nextBoolean() ? Optional.of(random.nextBoolean()) : Optional.empty()));
                    case 21, 22 ->
                        createKey.create(new CreateKey.Command(
                                actor,
                                "key " + random.nextInt(100),
                                random.nextBoolean()
                                        ? new KeyScope.Management(pick(List.of(Role.values())))
                                        : new KeyScope.Evaluation(environment, KeyScope.Side.SERVER)));
                    case 23 -> revokeKey.revoke(new RevokeKey.Command(actor, aKey()));
                    case 24 -> archiveFlag.archive(new ArchiveFlag.Command(actor, flag, OptionalLong.empty()));
                    case 25 -> restoreFlag.restore(new RestoreFlag.Command(actor, flag, OptionalLong.empty()));
                    default ->
                        changeConfig.change(new ChangeFlagConfig.Command(
                                actor, flag, environment, OptionalLong.empty(), configChange(flag, environment)));
                };
            } catch (InvalidInputException e) {
                // a variant the flag does not have, say: refused before anything was written
                return;
            }
            // asking an environment for the settings it has already changes nothing, and is not audited
            boolean unchanged = operation == 20
                    && outcome instanceof Outcome.Done<?> done
                    && done.value() instanceof Environment after
                    && environmentBefore.filter(after::equals).isPresent();
            if (outcome instanceof Outcome.Done<?> && !unchanged) {
                changes++;
                // deleting an environment also revokes its working SDK keys, one entry each
                changes += operation == 7 ? (int) workingKeysThere : 0;
            }
        }

        /** Mostly a key that exists, revoked or not; now and then one that does not. */
        private KeyId aKey() {
            List<AccessKey> keys = store.inTransaction(r -> r.keys().list());
            return keys.isEmpty() || random.nextInt(8) == 0
                    ? new KeyId("k-missing")
                    : pick(keys).id();
        }

        /** A boolean flag, or a string flag with the variants red, green and blue. */
        private CreateFlag.Command creation(Principal actor, FlagKey flag) {
            return random.nextBoolean()
                    ? new CreateFlag.Command(actor, flag, null, null, tags(), FlagKind.BOOLEAN, null, null, null)
                    : new CreateFlag.Command(
                            actor,
                            flag,
                            null,
                            null,
                            tags(),
                            FlagKind.STRING,
                            List.of(Variant.of("red", "red"), Variant.of("green", "green"), Variant.of("blue", "blue")),
                            null,
                            null);
        }

        private UpdateFlag.Command update(Principal actor, FlagKey flag) {
            long version = getFlag.get(READER, flag) instanceof Outcome.Done<GetFlag.FlagView> found
                    ? found.value().flag().version()
                    : 1;
            long expected = random.nextInt(5) == 0 ? version - 1 : version;
            boolean narrowColours = random.nextInt(4) == 0;
            return new UpdateFlag.Command(
                    actor,
                    flag,
                    expected,
                    "Name " + random.nextInt(100),
                    random.nextBoolean() ? "why " + random.nextInt(10) : null,
                    tags(),
                    null,
                    narrowColours ? List.of(Variant.of("red", "red"), Variant.of("green", "green")) : null,
                    null,
                    null);
        }

        /**
         * Mostly in the flag's own variants, so most changes apply, and now and then in any, so some are refused. A
         * target to remove is mostly one the config has.
         */
        private ConfigChange configChange(FlagKey flag, EnvironmentKey environment) {
            List<String> variants = VARIANTS;
            List<Target> targets = List.of();
            if (random.nextInt(10) > 0
                    && getConfig.get(READER, flag, environment) instanceof Outcome.Done<EnvironmentConfig> found
                    && getFlag.get(READER, flag) instanceof Outcome.Done<GetFlag.FlagView> view) {
                variants = view.value().flag().variants().stream()
                        .map(v -> v.key().value())
                        .toList();
                targets = found.value().config().targets();
            }
            VariantKey variant = new VariantKey(pick(variants));
            return switch (random.nextInt(5)) {
                case 0 -> new ConfigChange.Toggle(random.nextInt(3) == 0 ? null : random.nextBoolean());
                case 1 -> new ConfigChange.Rollout(BigDecimal.valueOf(random.nextInt(101)));
                case 2 -> new ConfigChange.AddTarget(variant, pick(UNITS));
                case 3 ->
                    targets.isEmpty() ? new ConfigChange.RemoveTarget(variant, pick(UNITS)) : removal(pick(targets));
                default ->
                    new ConfigChange.Replace(new FlagConfig(
                            random.nextBoolean(),
                            variant,
                            List.of(),
                            List.of(new Rule(
                                    new RuleId("rule-" + ++rules),
                                    null,
                                    List.of(Clause.of("plan", Operator.IN, pick(UNITS), "pro")),
                                    Serve.variant(pick(variants)))),
                            Serve.variant(variant.value())));
            };
        }

        private ConfigChange removal(Target target) {
            return new ConfigChange.RemoveTarget(target.variant(), pick(List.copyOf(target.units())));
        }

        private List<String> tags() {
            return random.nextBoolean() ? List.of() : List.of("team-" + random.nextInt(3));
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** Each reading a second after the one before, so every change has its own time and the replay can tell them apart. */
    private static final class SteppingClock extends Clock {

        private Instant next;

        SteppingClock(Instant start) {
            this.next = start;
        }

        @Override
        public Instant instant() {
            Instant now = next;
            next = next.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the use cases read instants only");
        }
    }
}
