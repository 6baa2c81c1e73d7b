package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.port.StoreFixtures.CREATED;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static dev.bunting.domain.port.StoreFixtures.aFlag;
import static dev.bunting.domain.port.StoreFixtures.nextVersion;
import static dev.bunting.domain.port.StoreFixtures.servingEveryone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link FlagRepository} keeps, versions, lists and deletes flags. */
abstract class FlagRepositoryContract extends RepositoryContract {

    FlagRepositoryContract(StoreContract suite) {
        super(suite);
    }

    @Test
    void a_new_store_holds_no_flags() {
        FlagPage page = listed(FlagQuery.all());

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(states(PRODUCTION)).isEmpty();
    }

    @Test
    void an_inserted_flag_is_found_exactly_as_it_was_written() {
        Flag flag = aFlag("checkout")
                .describedAs("the new checkout")
                .taggedWith("team-a", "web")
                .build();

        assertThat(attempt(r -> r.flags().insert(flag))).isTrue();

        assertThat(storedFlag(flag.key())).contains(flag);
        assertThat(storedFlag(MISSING)).isEmpty();
    }

    @Test
    void inserting_a_key_that_exists_returns_false_and_keeps_the_first_flag() {
        Flag first = aFlag("checkout").named("First").build();
        write(r -> r.flags().insert(first));

        assertThat(attempt(
                        r -> r.flags().insert(aFlag("checkout").named("Second").build())))
                .isFalse();

        assertThat(storedFlag(first.key())).contains(first);
    }

    @Test
    void an_update_naming_the_next_version_replaces_the_flag() {
        Flag original = aFlag("checkout").build();
        write(r -> r.flags().insert(original));
        Flag renamed = nextVersion(original, "Renamed");

        assertThat(attempt(r -> r.flags().update(renamed))).isTrue();

        assertThat(storedFlag(original.key())).contains(renamed);
    }

    @Test
    void an_update_built_on_a_stale_version_is_rejected_and_changes_nothing() {
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
    void deleting_with_the_stored_version_removes_the_flag_and_its_configs() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        write(r -> r.flags().saveConfig(servingEveryone(flag, PRODUCTION, "true")));

        assertThat(attempt(r -> r.flags().delete(flag.key(), 1))).isTrue();

        assertThat(storedFlag(flag.key())).isEmpty();
        write(r -> r.flags().insert(flag));
        assertThat(storedConfig(flag.key(), PRODUCTION)).isEmpty();
    }

    @Test
    void deleting_with_a_stale_version_or_a_missing_key_returns_false() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        write(r -> r.flags().update(nextVersion(flag, "Version two")));

        assertThat(attempt(r -> r.flags().delete(flag.key(), 1))).isFalse();
        assertThat(attempt(r -> r.flags().delete(MISSING, 1))).isFalse();

        assertThat(storedFlag(flag.key())).isPresent();
    }

    @Test
    void listing_orders_flags_by_key() {
        write(r -> List.of("m-flag", "ab", "z-flag", "b.flag", "a-z", "b-flag", "a.0")
                .forEach(k -> r.flags().insert(aFlag(k).build())));

        // by code point, not by a language's collation, which would ignore the punctuation
        assertThat(keys(listed(FlagQuery.all())))
                .containsExactly("a-z", "a.0", "ab", "b-flag", "b.flag", "m-flag", "z-flag");
    }

    @Test
    void listing_by_tag_returns_only_flags_carrying_it() {
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
    void listing_by_text_matches_key_name_or_description_ignoring_case() {
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
    void listing_by_text_treats_wildcard_characters_literally() {
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
    void listing_combines_tag_and_text() {
        write(r -> {
            r.flags().insert(aFlag("web-checkout").taggedWith("web").build());
            r.flags().insert(aFlag("web-banner").taggedWith("web").build());
            r.flags().insert(aFlag("app-checkout").taggedWith("mobile").build());
        });

        assertThat(keys(listed(new FlagQuery("web", "checkout", 10, 0)))).containsExactly("web-checkout");
    }

    @Test
    void listing_pages_with_limit_and_offset_and_counts_every_match() {
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
    void variant_values_of_every_json_shape_round_trip_exactly() {
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
    void timestamps_round_trip_to_the_microsecond() {
        Flag flag = aFlag("checkout").updatedAt(LATER).build();
        write(r -> r.flags().insert(flag));

        Flag stored = storedFlag(flag.key()).orElseThrow();

        assertThat(stored.createdAt()).isEqualTo(CREATED);
        assertThat(stored.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void an_archived_flag_keeps_its_configs_and_is_left_out_of_every_environment_until_restored() {
        Flag flag = aFlag("checkout").build();
        Flag other = aFlag("other").build();
        write(r -> {
            r.flags().insert(flag);
            r.flags().insert(other);
            r.flags().saveConfig(servingEveryone(flag, PRODUCTION, "true"));
        });
        Flag archived = flag.archive(LATER);

        assertThat(attempt(r -> r.flags().update(archived))).isTrue();

        assertThat(storedFlag(flag.key())).contains(archived);
        assertThat(storedFlag(flag.key()).orElseThrow().archivedAt()).isEqualTo(LATER);
        assertThat(states(PRODUCTION)).extracting(state -> state.flag().key()).containsExactly(other.key());
        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(servingEveryone(flag, PRODUCTION, "true"));

        Flag restored = archived.restore(LATER);
        assertThat(attempt(r -> r.flags().update(restored))).isTrue();

        assertThat(storedFlag(flag.key())).contains(restored);
        assertThat(states(PRODUCTION)).extracting(state -> state.flag().key()).containsExactly(flag.key(), other.key());
        assertThat(states(PRODUCTION).getFirst().config()).isEqualTo(servingEveryone(flag, PRODUCTION, "true"));
    }

    @Test
    void listing_shows_active_flags_unless_archived_or_all_are_asked_for() {
        write(r -> {
            r.flags().insert(aFlag("a-active").taggedWith("web").build());
            r.flags().insert(aFlag("b-archived").taggedWith("web").build().archive(LATER));
            r.flags().insert(aFlag("c-active").build());
            r.flags().insert(aFlag("d-archived").build().archive(LATER));
        });

        FlagPage active = listed(new FlagQuery(null, null, 10, 0));
        FlagPage archived = listed(new FlagQuery(null, null, FlagQuery.State.ARCHIVED, 10, 0));
        FlagPage all = listed(new FlagQuery(null, null, FlagQuery.State.ALL, 10, 0));
        FlagPage archivedWeb = listed(new FlagQuery("web", "archived", FlagQuery.State.ARCHIVED, 10, 0));

        assertThat(keys(active)).containsExactly("a-active", "c-active");
        assertThat(active.total()).isEqualTo(2);
        assertThat(keys(archived)).containsExactly("b-archived", "d-archived");
        assertThat(archived.total()).isEqualTo(2);
        assertThat(keys(all)).containsExactly("a-active", "b-archived", "c-active", "d-archived");
        assertThat(all.total()).isEqualTo(4);
        assertThat(keys(archivedWeb)).containsExactly("b-archived");
    }
}
