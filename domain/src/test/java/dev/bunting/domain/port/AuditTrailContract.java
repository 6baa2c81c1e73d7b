package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static dev.bunting.domain.port.StoreFixtures.CREATED;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static dev.bunting.domain.port.StoreFixtures.aFlag;
import static dev.bunting.domain.port.StoreFixtures.anEnvironment;
import static dev.bunting.domain.port.StoreFixtures.everyFeatureOfABooleanConfig;
import static dev.bunting.domain.port.StoreFixtures.nextVersion;
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
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How {@link AuditSink} records entries and {@link AuditTrail} pages and filters them, newest first. */
abstract class AuditTrailContract extends RepositoryContract {

    private static final Instant AT_1 = CREATED;
    private static final Instant AT_2 = LATER;
    private static final Instant AT_3 = LATER.plusSeconds(60);
    private static final Actor ALICE = Actor.user("u-alice", "alice@example.com");
    private static final Actor DEPLOY_KEY = Actor.apiKey("k-1", "deploy bot");

    AuditTrailContract(StoreContract suite) {
        super(suite);
    }

    @Test
    void an_empty_trail_has_no_entries_and_no_next_page() {
        AuditPage page = trail(everything(10));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void the_trail_lists_committed_entries_newest_first_with_every_field_and_the_states_as_documents() {
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
    void documents_of_every_json_shape_come_back_as_they_were_recorded() {
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
    void pages_follow_the_cursor_to_the_oldest_entry_without_gaps_or_repeats() {
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
    void a_page_that_ends_with_the_oldest_entry_has_no_next_page() {
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
    void entries_recorded_while_a_reader_pages_neither_shift_nor_repeat_its_next_page() {
        for (int i = 1; i <= 4; i++) {
            record(toggled("flag-" + i, AT_1));
        }
        AuditPage first = trail(everything(2));

        record(toggled("flag-5", AT_2), toggled("flag-6", AT_2));

        assertThat(entities(trail(continuing(everything(2), first.next())))).containsExactly("flag-2", "flag-1");
        assertThat(entities(trail(everything(2)))).containsExactly("flag-6", "flag-5");
    }

    @Test
    void the_actor_filter_matches_the_actors_id_or_name() {
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
    void an_actor_named_by_id_on_some_entries_and_by_name_on_others_pages_through_both_newest_first_and_once_each() {
        Actor byId = Actor.user("carol", "carol@example.com");
        Actor byName = Actor.user("u-dave", "carol");
        Actor byBoth = Actor.user("carol", "carol");
        record(
                new AuditEntry(byId, "flag.created", Entity.flag("e1"), PRODUCTION, null, null, AT_1),
                new AuditEntry(byName, "flag.created", Entity.flag("e2"), PRODUCTION, null, null, AT_1),
                new AuditEntry(byBoth, "flag.created", Entity.flag("e3"), PRODUCTION, null, null, AT_1),
                new AuditEntry(byId, "flag.created", Entity.flag("e4"), STAGING, null, null, AT_1),
                new AuditEntry(byName, "flag.created", Entity.flag("e5"), PRODUCTION, null, null, AT_1),
                new AuditEntry(ALICE, "flag.created", Entity.flag("e6"), PRODUCTION, null, null, AT_1));
        AuditQuery carolInProduction = new AuditQuery("carol", null, null, PRODUCTION, null, null, null, 2);

        AuditPage first = trail(carolInProduction);
        AuditPage second = trail(continuing(carolInProduction, first.next()));

        assertThat(entities(first)).containsExactly("e5", "e3");
        assertThat(entities(second)).containsExactly("e2", "e1");
        assertThat(second.next()).isNull();
    }

    @Test
    void the_action_entity_and_environment_filters_match_exactly() {
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
    void the_time_range_includes_its_start_and_excludes_its_end() {
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
    void filters_combine_with_paging() {
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
    void the_entity_type_filter_leaves_out_other_entries_without_shortening_a_page_or_losing_its_cursor() {
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
    void a_unit_of_work_reads_the_entries_it_recorded_and_a_rolled_back_one_leaves_none_behind() {
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
}
