package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.DEVELOPMENT;
import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static dev.bunting.domain.port.StoreFixtures.CREATED;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static dev.bunting.domain.port.StoreFixtures.aFlag;
import static dev.bunting.domain.port.StoreFixtures.anEnvironment;
import static dev.bunting.domain.port.StoreFixtures.everyFeatureOfABooleanConfig;
import static dev.bunting.domain.port.StoreFixtures.nextVersion;
import static dev.bunting.domain.port.StoreFixtures.servingEveryone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditDocuments;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.key.KeyScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The definition of {@link Store} and the repositories it hands out. Every store adapter extends this suite.
 * A store that is {@link AutoCloseable} is closed after each test.
 */
public abstract class StoreContract {

    private static final FlagKey MISSING = new FlagKey("no-such-flag");

    private static final Instant AT_1 = CREATED;
    private static final Instant AT_2 = LATER;
    private static final Instant AT_3 = LATER.plusSeconds(60);
    private static final Actor ALICE = Actor.user("u-alice", "alice@example.com");
    private static final Actor DEPLOY_KEY = Actor.apiKey("k-1", "deploy bot");

    protected Store store;

    /** @return a store with no flags and exactly the default environments */
    protected abstract Store newStore();

    /** @return the audit entries committed to {@code store}, oldest first; before and after may be in any form */
    protected abstract List<AuditEntry> committedAuditEntries(Store store);

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // --- flags ---

    @Test
    void aNewStoreHoldsNoFlags() {
        FlagPage page = listed(FlagQuery.all());

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(states(PRODUCTION)).isEmpty();
    }

    @Test
    void anInsertedFlagIsFoundExactlyAsItWasWritten() {
        Flag flag = aFlag("checkout")
                .describedAs("the new checkout")
                .taggedWith("team-a", "web")
                .build();

        assertThat(attempt(r -> r.flags().insert(flag))).isTrue();

        assertThat(storedFlag(flag.key())).contains(flag);
        assertThat(storedFlag(MISSING)).isEmpty();
    }

    @Test
    void insertingAKeyThatExistsReturnsFalseAndKeepsTheFirstFlag() {
        Flag first = aFlag("checkout").named("First").build();
        write(r -> r.flags().insert(first));

        assertThat(attempt(
                        r -> r.flags().insert(aFlag("checkout").named("Second").build())))
                .isFalse();

        assertThat(storedFlag(first.key())).contains(first);
    }

    @Test
    void anUpdateNamingTheNextVersionReplacesTheFlag() {
        Flag original = aFlag("checkout").build();
        write(r -> r.flags().insert(original));
        Flag renamed = nextVersion(original, "Renamed");

        assertThat(attempt(r -> r.flags().update(renamed))).isTrue();

        assertThat(storedFlag(original.key())).contains(renamed);
    }

    @Test
    void anUpdateBuiltOnAStaleVersionIsRejectedAndChangesNothing() {
        Flag original = aFlag("checkout").build();
        write(r -> r.flags().insert(original));
        write(r -> r.flags().update(nextVersion(original, "Version two")));
        Flag stored = storedFlag(original.key()).orElseThrow();

        assertThat(attempt(r -> r.flags().update(nextVersion(original, "Lost update"))))
                .isFalse();
        assertThat(attempt(r -> r.flags().update(nextVersion(nextVersion(stored, "Skips"), "a version"))))
                .isFalse();
        assertThat(attempt(r ->
                        r.flags().update(nextVersion(aFlag("never-inserted").build(), "Missing"))))
                .isFalse();

        assertThat(storedFlag(original.key())).contains(stored);
    }

    @Test
    void deletingWithTheStoredVersionRemovesTheFlagAndItsConfigs() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        write(r -> r.flags().saveConfig(servingEveryone(flag, PRODUCTION, "true")));

        assertThat(attempt(r -> r.flags().delete(flag.key(), 1))).isTrue();

        assertThat(storedFlag(flag.key())).isEmpty();
        write(r -> r.flags().insert(flag));
        assertThat(storedConfig(flag.key(), PRODUCTION)).isEmpty();
    }

    @Test
    void deletingWithAStaleVersionOrAMissingKeyReturnsFalse() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        write(r -> r.flags().update(nextVersion(flag, "Version two")));

        assertThat(attempt(r -> r.flags().delete(flag.key(), 1))).isFalse();
        assertThat(attempt(r -> r.flags().delete(MISSING, 1))).isFalse();

        assertThat(storedFlag(flag.key())).isPresent();
    }

    @Test
    void listingOrdersFlagsByKey() {
        write(r -> List.of("m-flag", "ab", "z-flag", "b.flag", "a-z", "b-flag", "a.0")
                .forEach(k -> r.flags().insert(aFlag(k).build())));

        // by code point, not by a language's collation, which would ignore the punctuation
        assertThat(keys(listed(FlagQuery.all())))
                .containsExactly("a-z", "a.0", "ab", "b-flag", "b.flag", "m-flag", "z-flag");
    }

    @Test
    void listingByTagReturnsOnlyFlagsCarryingIt() {
        write(r -> {
            r.flags().insert(aFlag("one").taggedWith("web", "team-a").build());
            r.flags().insert(aFlag("two").taggedWith("mobile").build());
            r.flags().insert(aFlag("three").taggedWith("team-a").build());
            r.flags().insert(aFlag("four").build());
        });

        FlagPage page = listed(new FlagQuery("team-a", null, 10, 0));

        assertThat(keys(page)).containsExactly("one", "three");
        assertThat(page.total()).isEqualTo(2);
        assertThat(listed(new FlagQuery("team", null, 10, 0)).items()).isEmpty();
    }

    @Test
    void listingByTextMatchesKeyNameOrDescriptionIgnoringCase() {
        write(r -> {
            r.flags().insert(aFlag("checkout-v2").named("Plain").build());
            r.flags().insert(aFlag("search").named("New CHECKOUT page").build());
            r.flags()
                    .insert(aFlag("banner")
                            .named("Banner")
                            .describedAs("Shown during Checkout")
                            .build());
            r.flags()
                    .insert(aFlag("dark-mode")
                            .named("Dark mode")
                            .describedAs("unrelated")
                            .build());
        });

        FlagPage page = listed(new FlagQuery(null, "cHeCkOuT", 10, 0));

        assertThat(keys(page)).containsExactly("banner", "checkout-v2", "search");
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void listingByTextTreatsWildcardCharactersLiterally() {
        write(r -> {
            r.flags().insert(aFlag("a_b").describedAs("50% of users").build());
            r.flags().insert(aFlag("axb").describedAs("500 users").build());
            r.flags().insert(aFlag("back").describedAs("path c:\\temp").build());
        });

        assertThat(keys(listed(new FlagQuery(null, "0%", 10, 0)))).containsExactly("a_b");
        assertThat(keys(listed(new FlagQuery(null, "a_b", 10, 0)))).containsExactly("a_b");
        assertThat(keys(listed(new FlagQuery(null, "c:\\t", 10, 0)))).containsExactly("back");
    }

    @Test
    void listingCombinesTagAndText() {
        write(r -> {
            r.flags().insert(aFlag("web-checkout").taggedWith("web").build());
            r.flags().insert(aFlag("web-banner").taggedWith("web").build());
            r.flags().insert(aFlag("app-checkout").taggedWith("mobile").build());
        });

        assertThat(keys(listed(new FlagQuery("web", "checkout", 10, 0)))).containsExactly("web-checkout");
    }

    @Test
    void listingPagesWithLimitAndOffsetAndCountsEveryMatch() {
        write(r -> {
            for (int i = 1; i <= 7; i++) {
                r.flags()
                        .insert(aFlag("flag-" + i)
                                .taggedWith(i % 2 == 0 ? "even" : "odd")
                                .build());
            }
        });

        FlagPage second = listed(new FlagQuery(null, null, 3, 3));
        FlagPage last = listed(new FlagQuery(null, null, 3, 6));
        FlagPage beyond = listed(new FlagQuery(null, null, 3, 20));
        FlagPage odd = listed(new FlagQuery("odd", null, 2, 1));

        assertThat(keys(second)).containsExactly("flag-4", "flag-5", "flag-6");
        assertThat(second.total()).isEqualTo(7);
        assertThat(keys(last)).containsExactly("flag-7");
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(7);
        assertThat(keys(odd)).containsExactly("flag-3", "flag-5");
        assertThat(odd.total()).isEqualTo(4);
    }

    @Test
    void variantValuesOfEveryJsonShapeRoundTripExactly() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("limit", new BigDecimal("42"));
        nested.put("ratio", new BigDecimal("0.125"));
        nested.put("price", new BigDecimal("-19.50"));
        nested.put("huge", new BigDecimal("123456789012345678901234567890"));
        nested.put("enabled", true);
        nested.put("nothing", null);
        nested.put("text", "quote \" backslash \\ unicode ü 🚩");
        nested.put(
                "list",
                Arrays.asList(new BigDecimal("1"), "two", false, null, List.of(Map.of("deep", new BigDecimal("3.0")))));
        Flag json = aFlag("json-flag")
                .ofKind(
                        FlagKind.JSON,
                        new Variant(new VariantKey("rich"), nested, "a described variant"),
                        Variant.of("list", List.of(new BigDecimal("7"), Map.of())),
                        Variant.of("scalar", "just text"),
                        Variant.of("empty", null))
                .build();
        Flag number = aFlag("number-flag")
                .ofKind(
                        FlagKind.NUMBER,
                        Variant.of("small", new BigDecimal("0.1")),
                        Variant.of("big", new BigDecimal("1000000")))
                .build();
        Flag string = aFlag("string-flag")
                .ofKind(FlagKind.STRING, Variant.of("a", ""), Variant.of("b", "b"))
                .build();
        write(r -> List.of(json, number, string).forEach(r.flags()::insert));

        assertThat(storedFlag(json.key())).contains(json);
        assertThat(storedFlag(number.key())).contains(number);
        assertThat(storedFlag(string.key())).contains(string);
        assertThat(listed(FlagQuery.all()).items()).containsExactly(json, number, string);
    }

    @Test
    void timestampsRoundTripToTheMicrosecond() {
        Flag flag = aFlag("checkout").updatedAt(LATER).build();
        write(r -> r.flags().insert(flag));

        Flag stored = storedFlag(flag.key()).orElseThrow();

        assertThat(stored.createdAt()).isEqualTo(CREATED);
        assertThat(stored.updatedAt()).isEqualTo(LATER);
    }

    // --- configs ---

    @Test
    void aFlagHasNoSavedConfigUntilOneIsSaved() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        assertThat(storedConfig(flag.key(), PRODUCTION)).isEmpty();
        assertThat(storedConfig(MISSING, PRODUCTION)).isEmpty();
    }

    @Test
    void savingVersionOneStoresTheFirstConfigExactly() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        EnvironmentConfig first =
                new EnvironmentConfig(flag.key(), PRODUCTION, everyFeatureOfABooleanConfig(), 1, LATER);

        assertThat(attempt(r -> r.flags().saveConfig(first))).isTrue();

        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(first);
        assertThat(storedConfig(flag.key(), STAGING)).isEmpty();
    }

    @Test
    void aConfigIsSavedOnlyAsTheVersionAfterTheStoredOne() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        EnvironmentConfig first = servingEveryone(flag, PRODUCTION, "true");
        write(r -> r.flags().saveConfig(first));
        EnvironmentConfig second = first.next(first.config().withEnabled(false), LATER);

        assertThat(attempt(r -> r.flags().saveConfig(servingEveryone(flag, PRODUCTION, "false"))))
                .isFalse();
        assertThat(attempt(r -> r.flags().saveConfig(second.next(second.config(), LATER))))
                .isFalse();
        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(first);

        assertThat(attempt(r -> r.flags().saveConfig(second))).isTrue();
        assertThat(attempt(r -> r.flags().saveConfig(second))).isFalse();
        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(second);
    }

    @Test
    void aConfigForAMissingFlagOrEnvironmentIsNotSaved() {
        Flag flag = aFlag("checkout").build();
        Flag neverInserted = aFlag("ghost").build();
        write(r -> r.flags().insert(flag));

        assertThat(attempt(r -> r.flags().saveConfig(servingEveryone(neverInserted, PRODUCTION, "true"))))
                .isFalse();
        assertThat(attempt(r -> r.flags().saveConfig(servingEveryone(flag, new EnvironmentKey("nowhere"), "true"))))
                .isFalse();

        assertThat(storedConfig(neverInserted.key(), PRODUCTION)).isEmpty();
        assertThat(storedConfig(flag.key(), new EnvironmentKey("nowhere"))).isEmpty();
    }

    @Test
    void statesInAnEnvironmentPairEveryFlagWithItsSavedOrInitialConfigByKey() {
        Flag zebra = aFlag("zebra").build();
        Flag apple = aFlag("apple")
                .ofKind(FlagKind.STRING, Variant.of("red", "red"), Variant.of("green", "green"))
                .build();
        Flag mango = aFlag("mango").build();
        EnvironmentConfig saved = servingEveryone(mango, PRODUCTION, "true");
        write(r -> {
            r.flags().insert(zebra);
            r.flags().insert(apple);
            r.flags().insert(mango);
            r.flags().saveConfig(saved);
            r.flags().saveConfig(servingEveryone(zebra, STAGING, "true"));
        });

        List<FlagState> states = states(PRODUCTION);

        assertThat(states)
                .containsExactly(
                        new FlagState(apple, EnvironmentConfig.initial(apple, PRODUCTION)),
                        new FlagState(mango, saved),
                        new FlagState(zebra, EnvironmentConfig.initial(zebra, PRODUCTION)));
    }

    // --- environments ---

    @Test
    void theDefaultEnvironmentsExistFromTheStartWithProductionProtected() {
        List<Environment> environments = environments();

        assertThat(environments).extracting(Environment::key).containsExactly(DEVELOPMENT, PRODUCTION, STAGING);
        assertThat(environments)
                .filteredOn(Environment::isProtected)
                .extracting(Environment::key)
                .containsExactly(PRODUCTION);
        assertThat(storedEnvironment(PRODUCTION))
                .get()
                .extracting(Environment::name)
                .isEqualTo("Production");
    }

    @Test
    void anInsertedEnvironmentIsFoundAndListedByKey() {
        Environment qa = anEnvironment("qa");
        Environment alpha = new Environment(new EnvironmentKey("alpha"), "Alpha", true, false, LATER);

        assertThat(attempt(r -> r.environments().insert(qa))).isTrue();
        assertThat(attempt(r -> r.environments().insert(alpha))).isTrue();

        assertThat(storedEnvironment(qa.key())).contains(qa);
        assertThat(storedEnvironment(alpha.key())).contains(alpha);
        assertThat(storedEnvironment(new EnvironmentKey("nowhere"))).isEmpty();
        assertThat(environments())
                .extracting(e -> e.key().value())
                .containsExactly("alpha", "development", "production", "qa", "staging");
    }

    @Test
    void insertingAnEnvironmentThatExistsReturnsFalseAndKeepsTheFirst() {
        Environment qa = anEnvironment("qa");
        write(r -> r.environments().insert(qa));

        assertThat(attempt(r -> r.environments().insert(new Environment(qa.key(), "Other", true, false, LATER))))
                .isFalse();

        assertThat(storedEnvironment(qa.key())).contains(qa);
    }

    @Test
    void deletingAnEnvironmentRemovesItAndOnlyItsConfigs() {
        Flag flag = aFlag("checkout").build();
        Environment qa = anEnvironment("qa");
        EnvironmentConfig inProduction = servingEveryone(flag, PRODUCTION, "true");
        write(r -> {
            r.environments().insert(qa);
            r.flags().insert(flag);
            r.flags().saveConfig(servingEveryone(flag, qa.key(), "true"));
            r.flags().saveConfig(inProduction);
        });

        assertThat(attempt(r -> r.environments().delete(qa.key()))).isTrue();
        assertThat(attempt(r -> r.environments().delete(qa.key()))).isFalse();

        assertThat(storedEnvironment(qa.key())).isEmpty();
        write(r -> r.environments().insert(qa));
        assertThat(storedConfig(flag.key(), qa.key())).isEmpty();
        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(inProduction);
    }

    @Test
    void anUpdatedEnvironmentKeepsItsKeyAndCreationAndChangesItsSettings() {
        Environment qa = anEnvironment("qa");
        write(r -> r.environments().insert(qa));
        Environment closed = qa.withSettings("Quality", true, false);

        assertThat(attempt(r -> r.environments().update(closed))).isTrue();
        assertThat(attempt(r -> r.environments().update(anEnvironment("nowhere"))))
                .isFalse();

        assertThat(storedEnvironment(qa.key())).contains(closed);
        assertThat(storedEnvironment(PRODUCTION))
                .get()
                .extracting(Environment::publicEvaluation)
                .isEqualTo(false);
        assertThat(storedEnvironment(STAGING))
                .get()
                .extracting(Environment::publicEvaluation)
                .isEqualTo(true);
    }

    // --- keys ---

    @Test
    void aKeyIsFoundByIdAndByPrefixAndListedNewestFirst() {
        AccessKey older = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.DEVELOPER), CREATED);
        AccessKey newer =
                aKey("k2", "bnt_sdk_bbbbbbbb", new KeyScope.Evaluation(PRODUCTION, KeyScope.Side.SERVER), LATER);

        assertThat(attempt(r -> r.keys().insert(older))).isTrue();
        assertThat(attempt(r -> r.keys().insert(newer))).isTrue();

        assertThat(storedKey(older.id())).contains(older);
        assertThat(keyWithPrefix("bnt_sdk_bbbbbbbb")).contains(newer);
        assertThat(keyWithPrefix("bnt_sdk_cccccccc")).isEmpty();
        assertThat(keys()).containsExactly(newer, older);
    }

    @Test
    void eachKindOfKeyComesBackAsTheKindItWasStoredAs() {
        AccessKey api = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.VIEWER), CREATED);
        AccessKey server =
                aKey("k2", "bnt_sdk_bbbbbbbb", new KeyScope.Evaluation(STAGING, KeyScope.Side.SERVER), CREATED);
        AccessKey client =
                aKey("k3", "bnt_client_cccccccc", new KeyScope.Evaluation(STAGING, KeyScope.Side.CLIENT), CREATED);

        for (AccessKey key : List.of(api, server, client)) {
            assertThat(attempt(r -> r.keys().insert(key)))
                    .as("%s inserted", key.scope())
                    .isTrue();
            assertThat(storedKey(key.id())).as("%s found", key.scope()).contains(key);
        }
    }

    @Test
    void aKeyWhoseIdOrPrefixIsTakenIsNotInserted() {
        AccessKey first = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.ADMIN), CREATED);
        write(r -> r.keys().insert(first));

        assertThat(attempt(r ->
                        r.keys().insert(aKey("k2", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.VIEWER), LATER))))
                .isFalse();
        assertThat(attempt(r ->
                        r.keys().insert(aKey("k1", "bnt_api_zzzzzzzz", new KeyScope.Management(Role.VIEWER), LATER))))
                .isFalse();

        assertThat(keys()).containsExactly(first);
    }

    @Test
    void aKeyIsRevokedOnceAndRecordsItsLastUse() {
        AccessKey key = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.VIEWER), CREATED);
        write(r -> r.keys().insert(key));

        write(r -> r.keys().markUsed(key.id(), LATER));
        assertThat(attempt(r -> r.keys().revoke(key.id(), LATER))).isTrue();
        assertThat(attempt(r -> r.keys().revoke(key.id(), LATER.plusSeconds(1))))
                .isFalse();
        assertThat(attempt(r -> r.keys().revoke(new KeyId("nosuch"), LATER))).isFalse();

        assertThat(storedKey(key.id())).contains(key.usedAt(LATER).revokedAt(LATER));
    }

    @Test
    void deletingAnEnvironmentKeepsItsKeysListedAndAnEnvironmentOfTheSameKeyCanBeCreatedAgain() {
        Environment qa = anEnvironment("qa");
        AccessKey forQa = aKey(
                        "k1", "bnt_sdk_aaaaaaaa", new KeyScope.Evaluation(qa.key(), KeyScope.Side.SERVER), CREATED)
                .revokedAt(LATER);
        AccessKey forProduction =
                aKey("k2", "bnt_sdk_bbbbbbbb", new KeyScope.Evaluation(PRODUCTION, KeyScope.Side.SERVER), CREATED);
        write(r -> {
            r.environments().insert(qa);
            r.keys().insert(forQa);
            r.keys().insert(forProduction);
            r.keys().revoke(forQa.id(), LATER);
        });

        write(r -> r.environments().delete(qa.key()));
        boolean createdAgain = attempt(r -> r.environments().insert(qa));

        assertThat(keys()).containsExactlyInAnyOrder(forQa, forProduction);
        assertThat(createdAgain).isTrue();
    }

    @Test
    void aKeyWithoutAnOwnerIsStoredAsOne() {
        AccessKey legacy = new AccessKey(
                new KeyId("k1"),
                "legacy",
                new KeyScope.Management(Role.ADMIN),
                "bnt_api_aaaaaaaa",
                "0".repeat(64),
                CREATED,
                "admin@example.com",
                null,
                null,
                null);

        write(r -> r.keys().insert(legacy));

        assertThat(storedKey(legacy.id())).contains(legacy);
    }

    private Optional<AccessKey> storedKey(KeyId id) {
        return store.inTransaction(r -> r.keys().find(id));
    }

    private Optional<AccessKey> keyWithPrefix(String prefix) {
        return store.inTransaction(r -> r.keys().findByPrefix(prefix));
    }

    private List<AccessKey> keys() {
        return store.inTransaction(r -> r.keys().list());
    }

    private static AccessKey aKey(String id, String prefix, KeyScope scope, Instant createdAt) {
        return new AccessKey(
                new KeyId(id),
                "key " + id,
                scope,
                prefix,
                "0".repeat(64),
                createdAt,
                "admin@example.com",
                new UserId("u-admin"),
                null,
                null);
    }

    // --- transactions ---

    @Test
    void whatATransactionCommitsIsVisibleToTheNextOneAuditEntriesIncluded() {
        Flag flag = aFlag("checkout").build();
        AuditEntry created = new AuditEntry(
                Actor.system("contract-test"), "flag.created", Entity.flag("checkout"), null, flag, LATER);

        String result = store.inTransaction(r -> {
            r.flags().insert(flag);
            r.audit().record(created);
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(storedFlag(flag.key())).contains(flag);
        assertThat(committedAuditEntries(store)).singleElement().satisfies(entry -> assertSameEvent(entry, created));
    }

    @Test
    void workThatThrowsRollsBackEveryChangeItMadeAuditEntriesIncluded() {
        Flag kept = aFlag("kept").build();
        write(r -> {
            r.flags().insert(kept);
            r.flags().saveConfig(servingEveryone(kept, PRODUCTION, "true"));
            r.audit()
                    .record(new AuditEntry(
                            Actor.system("contract-test"), "flag.created", Entity.flag("kept"), null, kept, CREATED));
        });
        IllegalStateException failure = new IllegalStateException("the use case gave up");

        assertThatThrownBy(() -> store.inTransaction(r -> {
                    r.flags().insert(aFlag("discarded").build());
                    r.flags().update(nextVersion(kept, "Renamed"));
                    r.flags().saveConfig(servingEveryone(kept, STAGING, "true"));
                    r.environments().insert(anEnvironment("qa"));
                    r.environments().delete(DEVELOPMENT);
                    r.audit()
                            .record(new AuditEntry(
                                    Actor.system("contract-test"),
                                    "flag.updated",
                                    Entity.flag("kept"),
                                    kept,
                                    kept,
                                    LATER));
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(keys(listed(FlagQuery.all()))).containsExactly("kept");
        assertThat(storedFlag(kept.key())).contains(kept);
        assertThat(storedConfig(kept.key(), STAGING)).isEmpty();
        assertThat(environments()).extracting(Environment::key).containsExactly(DEVELOPMENT, PRODUCTION, STAGING);
        assertThat(committedAuditEntries(store)).extracting(AuditEntry::action).containsExactly("flag.created");
    }

    @Test
    void aDeleteInWorkThatThrowsIsRolledBackWithTheConfigsItTookAlong() {
        Flag flag = aFlag("checkout").build();
        EnvironmentConfig config = servingEveryone(flag, PRODUCTION, "true");
        write(r -> {
            r.flags().insert(flag);
            r.flags().saveConfig(config);
        });

        assertThatThrownBy(() -> store.inTransaction(r -> {
                    r.flags().delete(flag.key(), 1);
                    r.environments().delete(PRODUCTION);
                    throw new IllegalArgumentException("rejected");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rejected");

        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(config);
    }

    @Test
    void aRejectedWriteLeavesTheTransactionUsable() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        boolean committed = attempt(r -> {
            boolean duplicate = r.flags().insert(flag);
            boolean stale = r.flags().update(flag);
            boolean orphan = r.flags().saveConfig(servingEveryone(aFlag("ghost").build(), PRODUCTION, "true"));
            boolean nowhere = r.flags().saveConfig(servingEveryone(flag, new EnvironmentKey("nowhere"), "true"));
            boolean existing = r.environments().insert(anEnvironment("staging"));
            return !duplicate
                    && !stale
                    && !orphan
                    && !nowhere
                    && !existing
                    && r.flags().insert(aFlag("after-rejections").build());
        });

        assertThat(committed).isTrue();
        assertThat(storedFlag(new FlagKey("after-rejections"))).isPresent();
    }

    @Test
    void concurrentUpdatesOfTheSameVersionHaveExactlyOneWinner() throws Exception {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        List<Boolean> outcomes = race(writer -> r -> r.flags().update(nextVersion(flag, "Writer " + writer)));

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(storedFlag(flag.key())).get().extracting(Flag::version).isEqualTo(2L);
    }

    @Test
    void concurrentFirstSavesOfAConfigHaveExactlyOneWinner() throws Exception {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        List<Boolean> outcomes = race(writer ->
                r -> r.flags().saveConfig(servingEveryone(flag, PRODUCTION, writer % 2 == 0 ? "true" : "false")));

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(storedConfig(flag.key(), PRODUCTION))
                .get()
                .extracting(EnvironmentConfig::version)
                .isEqualTo(1L);
    }

    /** Runs one transaction per writer, all at once, and returns what each returned. */
    private List<Boolean> race(IntFunction<Store.Work<Boolean>> writer) throws Exception {
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

    // --- audit trail ---

    @Test
    void anEmptyTrailHasNoEntriesAndNoNextPage() {
        AuditPage page = trail(everything(10));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void theTrailListsCommittedEntriesNewestFirstWithEveryFieldAndTheStatesAsDocuments() {
        Flag flag = aFlag("checkout")
                .describedAs("the new checkout")
                .taggedWith("web")
                .build();
        Flag renamed = nextVersion(flag, "Renamed");
        EnvironmentConfig config =
                new EnvironmentConfig(flag.key(), PRODUCTION, everyFeatureOfABooleanConfig(), 1, LATER);
        Environment qa = anEnvironment("qa");
        AuditEntry created = new AuditEntry(ALICE, "flag.created", Entity.flag("checkout"), null, null, flag, AT_1);
        AuditEntry replaced = new AuditEntry(
                DEPLOY_KEY,
                "flag_config.replaced",
                Entity.flag("checkout"),
                PRODUCTION,
                EnvironmentConfig.initial(flag, PRODUCTION),
                config,
                AT_2);
        AuditEntry updated = new AuditEntry(ALICE, "flag.updated", Entity.flag("checkout"), null, flag, renamed, AT_3);
        AuditEntry deleted = new AuditEntry(
                Actor.system("make-admin"), "environment.deleted", Entity.environment("qa"), qa.key(), qa, null, AT_3);
        record(created, replaced);
        record(updated, deleted);

        List<AuditRecord> items = trail(everything(10)).items();

        assertThat(items).hasSize(4);
        assertThat(items)
                .extracting(AuditRecord::id)
                .isSortedAccordingTo(Comparator.reverseOrder())
                .doesNotHaveDuplicates();
        assertSameRecord(items.get(0), deleted);
        assertSameRecord(items.get(1), updated);
        assertSameRecord(items.get(2), replaced);
        assertSameRecord(items.get(3), created);
    }

    @Test
    void documentsOfEveryJsonShapeComeBackAsTheyWereRecorded() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("limit", new BigDecimal("42"));
        nested.put("ratio", new BigDecimal("0.125"));
        nested.put("nothing", null);
        nested.put("text", "quote \" backslash \\ unicode ü 🚩");
        nested.put(
                "list",
                Arrays.asList(
                        new BigDecimal("1"), "two", false, null, List.of(Map.of("deep", new BigDecimal("-3.5")))));
        Flag json = aFlag("json-flag")
                .ofKind(FlagKind.JSON, Variant.of("rich", nested), Variant.of("empty", null))
                .build();
        record(
                new AuditEntry(ALICE, "flag.created", Entity.flag("json-flag"), null, null, json, AT_1),
                new AuditEntry(ALICE, "user.password_changed", Entity.user("u-alice"), null, null, null, AT_2));

        List<AuditRecord> items = trail(everything(10)).items();

        assertThat(items.get(1).after()).isEqualTo(AuditDocuments.of(json));
        assertThat(items.get(0).before()).isNull();
        assertThat(items.get(0).after()).isNull();
    }

    @Test
    void pagesFollowTheCursorToTheOldestEntryWithoutGapsOrRepeats() {
        for (int i = 1; i <= 7; i++) {
            record(toggled("flag-" + i, AT_1));
        }

        AuditPage first = trail(everything(3));
        AuditPage second = trail(continuing(everything(3), first.next()));
        AuditPage last = trail(continuing(everything(3), second.next()));

        assertThat(entities(first)).containsExactly("flag-7", "flag-6", "flag-5");
        assertThat(entities(second)).containsExactly("flag-4", "flag-3", "flag-2");
        assertThat(entities(last)).containsExactly("flag-1");
        assertThat(last.next()).isNull();
    }

    @Test
    void aPageThatEndsWithTheOldestEntryHasNoNextPage() {
        for (int i = 1; i <= 4; i++) {
            record(toggled("flag-" + i, AT_1));
        }

        AuditPage first = trail(everything(2));
        AuditPage second = trail(continuing(everything(2), first.next()));

        assertThat(first.next()).isNotNull();
        assertThat(entities(second)).containsExactly("flag-2", "flag-1");
        assertThat(second.next()).isNull();
        assertThat(trail(everything(4)).next()).isNull();
    }

    @Test
    void entriesRecordedWhileAReaderPagesNeitherShiftNorRepeatItsNextPage() {
        for (int i = 1; i <= 4; i++) {
            record(toggled("flag-" + i, AT_1));
        }
        AuditPage first = trail(everything(2));

        record(toggled("flag-5", AT_2), toggled("flag-6", AT_2));

        assertThat(entities(trail(continuing(everything(2), first.next())))).containsExactly("flag-2", "flag-1");
        assertThat(entities(trail(everything(2)))).containsExactly("flag-6", "flag-5");
    }

    @Test
    void theActorFilterMatchesTheActorsIdOrName() {
        record(
                new AuditEntry(ALICE, "flag.created", Entity.flag("by-alice"), null, null, null, AT_1),
                new AuditEntry(DEPLOY_KEY, "flag.created", Entity.flag("by-key"), null, null, null, AT_1),
                new AuditEntry(
                        Actor.user("u-bob", "bob@example.com"),
                        "flag.created",
                        Entity.flag("by-bob"),
                        null,
                        null,
                        null,
                        AT_1));

        assertThat(entities(trail(filtered("u-alice", null, null, null, null, null))))
                .containsExactly("by-alice");
        assertThat(entities(trail(filtered("alice@example.com", null, null, null, null, null))))
                .containsExactly("by-alice");
        assertThat(entities(trail(filtered("deploy bot", null, null, null, null, null))))
                .containsExactly("by-key");
        assertThat(entities(trail(filtered("k-1", null, null, null, null, null))))
                .containsExactly("by-key");
        assertThat(entities(trail(filtered("alice", null, null, null, null, null))))
                .isEmpty();
    }

    @Test
    void theActionEntityAndEnvironmentFiltersMatchExactly() {
        record(
                new AuditEntry(ALICE, "flag.created", Entity.flag("checkout"), null, null, null, AT_1),
                new AuditEntry(ALICE, "flag_config.toggled", Entity.flag("checkout"), STAGING, null, null, AT_1),
                new AuditEntry(ALICE, "flag_config.toggled", Entity.flag("checkout"), PRODUCTION, null, null, AT_1),
                new AuditEntry(ALICE, "flag_config.toggled", Entity.flag("checkout-v2"), PRODUCTION, null, null, AT_1),
                new AuditEntry(
                        ALICE,
                        "environment.created",
                        Entity.environment("checkout"),
                        new EnvironmentKey("checkout"),
                        null,
                        null,
                        AT_1));

        assertThat(actions(trail(filtered(null, "flag_config.toggled", null, null, null, null))))
                .containsExactly("flag_config.toggled", "flag_config.toggled", "flag_config.toggled");
        assertThat(actions(trail(filtered(null, "flag_config", null, null, null, null))))
                .isEmpty();
        assertThat(actions(trail(filtered(null, null, Entity.flag("checkout"), null, null, null))))
                .containsExactly("flag_config.toggled", "flag_config.toggled", "flag.created");
        assertThat(entities(trail(filtered(null, null, null, PRODUCTION, null, null))))
                .containsExactly("checkout-v2", "checkout");
        assertThat(trail(filtered(null, null, Entity.flag("checkout"), PRODUCTION, null, null))
                        .items())
                .singleElement()
                .extracting(AuditRecord::environment)
                .isEqualTo(PRODUCTION);
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
        record(toggled("at-1", AT_1), toggled("at-2", AT_2), toggled("at-3", AT_3));

        assertThat(entities(trail(filtered(null, null, null, null, AT_2, null))))
                .containsExactly("at-3", "at-2");
        assertThat(entities(trail(filtered(null, null, null, null, null, AT_2))))
                .containsExactly("at-1");
        assertThat(entities(trail(filtered(null, null, null, null, AT_1, AT_3))))
                .containsExactly("at-2", "at-1");
        assertThat(entities(trail(filtered(null, null, null, null, AT_2, AT_2.plusNanos(1000)))))
                .containsExactly("at-2");
    }

    @Test
    void filtersCombineWithPaging() {
        for (int i = 1; i <= 5; i++) {
            record(toggled("checkout", i % 2 == 0 ? AT_1 : AT_2), toggled("other", AT_2));
        }
        AuditQuery recentCheckout =
                new AuditQuery(null, null, Entity.flag("checkout"), PRODUCTION, AT_2, null, null, 2);

        AuditPage first = trail(recentCheckout);
        AuditPage second = trail(continuing(recentCheckout, first.next()));

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.next()).isNull();
        assertThat(Stream.concat(first.items().stream(), second.items().stream()))
                .allSatisfy(item -> {
                    assertThat(item.entity()).isEqualTo(Entity.flag("checkout"));
                    assertThat(item.at()).isEqualTo(AT_2);
                });
    }

    @Test
    void theEntityTypeFilterLeavesOutOtherEntriesWithoutShorteningAPageOrLosingItsCursor() {
        record(
                toggled("checkout", AT_1),
                new AuditEntry(ALICE, "user.role_changed", Entity.user("u-bob"), null, null, null, AT_1),
                new AuditEntry(
                        ALICE,
                        "environment.created",
                        Entity.environment("qa"),
                        new EnvironmentKey("qa"),
                        null,
                        null,
                        AT_1),
                new AuditEntry(ALICE, "key.created", Entity.key("k-2"), PRODUCTION, null, null, AT_1),
                new AuditEntry(ALICE, "key.revoked", Entity.key("k-2"), PRODUCTION, null, null, AT_1));
        AuditQuery flagsAndEnvironments = everything(1).onlyAbout(Set.of(Entity.FLAG, Entity.ENVIRONMENT));

        AuditPage first = trail(flagsAndEnvironments);
        AuditPage second = trail(continuing(flagsAndEnvironments, first.next()));

        assertThat(entities(first)).containsExactly("qa");
        assertThat(entities(second)).containsExactly("checkout");
        assertThat(second.next()).isNull();
        assertThat(actions(trail(everything(10).onlyAbout(Set.of(Entity.KEY)))))
                .containsExactly("key.revoked", "key.created");
        assertThat(trail(everything(10).onlyAbout(Set.of())).items()).isEmpty();
    }

    @Test
    void aUnitOfWorkReadsTheEntriesItRecordedAndARolledBackOneLeavesNoneBehind() {
        record(toggled("kept", AT_1));

        List<String> seenInside = new ArrayList<>();
        assertThatThrownBy(() -> store.inTransaction(r -> {
                    r.audit().record(toggled("discarded", AT_2));
                    seenInside.addAll(entities(r.trail().list(everything(10))));
                    throw new IllegalStateException("rolled back");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(seenInside).containsExactly("discarded", "kept");
        assertThat(entities(trail(everything(10)))).containsExactly("kept");
    }

    private void record(AuditEntry... entries) {
        write(r -> Arrays.stream(entries).forEach(r.audit()::record));
    }

    private AuditPage trail(AuditQuery query) {
        return store.inTransaction(r -> r.trail().list(query));
    }

    private static AuditQuery everything(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, limit);
    }

    private static AuditQuery continuing(AuditQuery query, AuditCursor cursor) {
        return new AuditQuery(
                query.actor(),
                query.action(),
                query.entity(),
                query.environment(),
                query.from(),
                query.to(),
                cursor,
                query.limit(),
                query.entityTypes());
    }

    private static AuditQuery filtered(
            String actor, String action, Entity entity, EnvironmentKey environment, Instant from, Instant to) {
        return new AuditQuery(actor, action, entity, environment, from, to, null, AuditQuery.MAX_LIMIT);
    }

    private static AuditEntry toggled(String flag, Instant at) {
        return new AuditEntry(ALICE, "flag_config.toggled", Entity.flag(flag), PRODUCTION, null, null, at);
    }

    private static List<String> entities(AuditPage page) {
        return page.items().stream().map(item -> item.entity().id()).toList();
    }

    private static List<String> actions(AuditPage page) {
        return page.items().stream().map(AuditRecord::action).toList();
    }

    private static void assertSameRecord(AuditRecord actual, AuditEntry expected) {
        assertThat(actual.actor()).isEqualTo(expected.actor());
        assertThat(actual.action()).isEqualTo(expected.action());
        assertThat(actual.entity()).isEqualTo(expected.entity());
        assertThat(actual.environment()).isEqualTo(expected.environment());
        assertThat(actual.at()).isEqualTo(expected.at());
        assertThat(actual.before()).isEqualTo(AuditDocuments.of(expected.before()));
        assertThat(actual.after()).isEqualTo(AuditDocuments.of(expected.after()));
    }

    // --- users ---

    @Test
    void anInsertedUserIsFoundByIdAndByEmailExactlyAsWritten() {
        User alice = aUser("u1", "alice@example.com", Role.VIEWER);
        write(r -> assertThat(r.users().insert(alice)).isTrue());

        Optional<User> byId = read(r -> r.users().find(alice.id()));
        Optional<User> byEmail = read(r -> r.users().findByEmail(new Email("ALICE@example.com")));
        long count = read(r -> r.users().count());
        assertThat(byId).contains(alice);
        assertThat(byEmail).contains(alice);
        assertThat(count).isEqualTo(1);
    }

    @Test
    void aSecondUserWithTheSameEmailOrIdIsRefused() {
        write(r -> r.users().insert(aUser("u1", "alice@example.com", Role.VIEWER)));

        boolean sameEmail = read(r -> r.users().insert(aUser("u2", "alice@example.com", Role.ADMIN)));
        boolean sameId = read(r -> r.users().insert(aUser("u1", "bob@example.com", Role.ADMIN)));
        List<User> users = read(r -> r.users().list());
        assertThat(sameEmail).isFalse();
        assertThat(sameId).isFalse();
        assertThat(users).extracting(User::role).containsExactly(Role.VIEWER);
    }

    @Test
    void aUserWhoseEmailLooksLikeAnExistingOneIsRefusedWhileOthersAreNot() {
        write(r -> r.users().insert(aUser("u1", "root@example.com", Role.ADMIN)));

        boolean cyrillic = read(r -> r.users().insert(aUser("u2", "r\u043e\u043et@example.com", Role.VIEWER)));
        boolean fullwidth =
                read(r -> r.users().insert(aUser("u3", "\uff32\uff2f\uff2f\uff34@example.com", Role.VIEWER)));
        boolean digits = read(r -> r.users().insert(aUser("u4", "r00t@example.com", Role.VIEWER)));
        boolean different = read(r -> r.users().insert(aUser("u5", "rose@example.com", Role.VIEWER)));

        assertThat(List.of(cyrillic, fullwidth, digits)).containsOnly(false);
        assertThat(different).isTrue();
        Optional<User> found = read(r -> r.users().findByEmail(new Email("ROOT@EXAMPLE.COM")));
        assertThat(found).map(User::id).hasValue(new UserId("u1"));
    }

    @Test
    void anUpdateChangesRoleAndCredentialsButNeverTheEmail() {
        User alice = aUser("u1", "alice@example.com", Role.VIEWER);
        write(r -> r.users().insert(alice));
        User changed = new User(
                alice.id(),
                new Email("mallory@example.com"),
                new PasswordHash("$argon2id$v=19$m=1,t=1,p=1$new$hash"),
                Role.DEVELOPER,
                LATER,
                LATER);

        write(r -> assertThat(r.users().update(changed)).isTrue());

        User stored = read(r -> r.users().find(alice.id())).orElseThrow();
        assertThat(stored.email()).isEqualTo(alice.email());
        assertThat(stored.role()).isEqualTo(Role.DEVELOPER);
        assertThat(stored.passwordHash()).isEqualTo(changed.passwordHash());
        assertThat(stored.credentialsChangedAt()).isEqualTo(LATER);
        boolean updatedNobody = read(r -> r.users().update(aUser("nobody", "nobody@example.com", Role.ADMIN)));
        assertThat(updatedNobody).isFalse();
    }

    @Test
    void usersAreListedByEmail() {
        write(r -> {
            r.users().insert(aUser("u1", "carol@example.com", Role.VIEWER));
            r.users().insert(aUser("u2", "alice@example.com", Role.ADMIN));
            r.users().insert(aUser("u3", "bob@example.com", Role.DEVELOPER));
        });

        List<User> users = read(r -> r.users().list());
        assertThat(users)
                .extracting(u -> u.email().value())
                .containsExactly("alice@example.com", "bob@example.com", "carol@example.com");
    }

    @Test
    void lockingTheAdminsReadsEveryAdminAndOnlyThem() {
        write(r -> {
            r.users().insert(aUser("u1", "carol@example.com", Role.ADMIN));
            r.users().insert(aUser("u2", "alice@example.com", Role.DEVELOPER));
            r.users().insert(aUser("u3", "bob@example.com", Role.ADMIN));
        });

        List<User> admins = read(r -> r.users().lockAdmins());
        assertThat(admins).extracting(u -> u.id().value()).containsExactlyInAnyOrder("u1", "u3");
    }

    /**
     * Two admins take the role from each other at the same moment, many times over, each only while the admins it
     * holds include another: however their units of work interleave, one admin is left every time.
     */
    @Test
    void twoAdminsDemotingEachOtherAtOnceAlwaysLeaveOne() throws Exception {
        User alice = aUser("u1", "alice@example.com", Role.ADMIN);
        User bob = aUser("u2", "bob@example.com", Role.ADMIN);
        write(r -> {
            r.users().insert(alice);
            r.users().insert(bob);
        });
        for (int round = 0; round < 40; round++) {
            write(r -> {
                r.users().update(alice);
                r.users().update(bob);
            });

            List<Boolean> demoted = race(writer -> r -> {
                UserId other = (writer % 2 == 0 ? bob : alice).id();
                List<User> admins = r.users().lockAdmins();
                User target = r.users().find(other).orElseThrow();
                if (target.role() != Role.ADMIN
                        || admins.stream().allMatch(admin -> admin.id().equals(other))) {
                    return false;
                }
                return r.users().update(target.withRole(Role.DEVELOPER));
            });

            List<User> admins = read(r -> r.users().list()).stream()
                    .filter(user -> user.role() == Role.ADMIN)
                    .toList();
            assertThat(admins).as("admins after round " + round).hasSize(1);
            assertThat(demoted).as("demotions in round " + round).containsOnlyOnce(true);
        }
    }

    @Test
    void aRevokedTokenStaysRevokedAndOthersAreNot() {
        write(r -> r.users().revokeToken("token-1", LATER));
        write(r -> r.users().revokeToken("token-1", LATER));

        boolean revoked = read(r -> r.users().isTokenRevoked("token-1"));
        boolean other = read(r -> r.users().isTokenRevoked("token-2"));
        assertThat(revoked).isTrue();
        assertThat(other).isFalse();
    }

    private static User aUser(String id, String email, Role role) {
        return new User(
                new UserId(id),
                new Email(email),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                role,
                CREATED,
                CREATED);
    }

    private <T> T read(java.util.function.Function<Store.Repositories, T> work) {
        return store.inTransaction(work::apply);
    }

    @Test
    void theStoreIsReachable() {
        assertThat(store.isReachable()).isTrue();
    }

    private boolean attempt(Predicate<Store.Repositories> work) {
        return store.inTransaction(work::test);
    }

    private Optional<Flag> storedFlag(FlagKey key) {
        return store.inTransaction(r -> r.flags().find(key));
    }

    private Optional<EnvironmentConfig> storedConfig(FlagKey flag, EnvironmentKey environment) {
        return store.inTransaction(r -> r.flags().findConfig(flag, environment));
    }

    private FlagPage listed(FlagQuery query) {
        return store.inTransaction(r -> r.flags().list(query));
    }

    private List<FlagState> states(EnvironmentKey environment) {
        return store.inTransaction(r -> r.flags().statesIn(environment));
    }

    private List<Environment> environments() {
        return store.inTransaction(r -> r.environments().list());
    }

    private Optional<Environment> storedEnvironment(EnvironmentKey key) {
        return store.inTransaction(r -> r.environments().find(key));
    }

    private void write(Consumer<Store.Repositories> work) {
        store.inTransaction(r -> {
            work.accept(r);
            return null;
        });
    }

    private static List<String> keys(FlagPage page) {
        return page.items().stream().map(f -> f.key().value()).toList();
    }

    private static void assertSameEvent(AuditEntry actual, AuditEntry expected) {
        assertThat(actual.actor()).isEqualTo(expected.actor());
        assertThat(actual.action()).isEqualTo(expected.action());
        assertThat(actual.entity()).isEqualTo(expected.entity());
        assertThat(actual.environment()).isEqualTo(expected.environment());
        assertThat(actual.at()).isEqualTo(expected.at());
    }
}
