package dev.bunting.domain.flag;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Flags;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FlagConfig: what a flag serves in one environment, and how its targets change. */
class FlagConfigTest {

    private static final VariantKey RED = new VariantKey("red");
    private static final VariantKey BLUE = new VariantKey("blue");

    @Test
    void a_config_serves_alike_when_only_names_descriptions_tags_or_unserved_variants_change() {
        Flag before = Flags.aStringFlag("banner", "red", "blue", "green").build();
        Flag after = Flags.aStringFlag("banner")
                .named("Banner")
                .withVariant("red", "red")
                .withVariant("blue", "blue")
                .withVariant("green", "lime")
                .build();
        FlagConfig servesRedAndBlue = Configs.on()
                .offVariant("red")
                .withTarget("red", "alice")
                .fallthrough("blue")
                .build();

        assertThat(servesRedAndBlue.servesAlike(before, after)).isTrue();
    }

    @Test
    void a_config_serves_differently_when_a_variant_it_can_serve_changes_value_or_goes() {
        Flag before = Flags.aStringFlag("banner", "red", "blue").build();
        FlagConfig targetsRed = Configs.on()
                .offVariant("red")
                .withTarget("red", "alice")
                .fallthrough("blue")
                .build();

        assertThat(targetsRed.servesAlike(
                        before,
                        Flags.aStringFlag("banner")
                                .withVariant("red", "crimson")
                                .withVariant("blue", "blue")
                                .build()))
                .isFalse();
        assertThat(targetsRed.servesAlike(
                        before, Flags.aStringFlag("banner", "blue").build()))
                .isFalse();
    }

    @Test
    void salt_and_bucket_by_matter_only_where_the_config_splits_units() {
        Flag before = Flags.aStringFlag("banner", "red", "blue").build();
        Flag resalted = Flags.aStringFlag("banner", "red", "blue").salt("other").build();
        Flag rebucketed =
                Flags.aStringFlag("banner", "red", "blue").bucketBy("accountId").build();
        FlagConfig fixed = Configs.on().offVariant("red").fallthrough("red").build();
        FlagConfig split = Configs.on()
                .offVariant("red")
                .fallthroughSplit("red", 5_000, "blue", 5_000)
                .build();
        FlagConfig wholeSplit = Configs.on()
                .offVariant("red")
                .fallthroughSplit("red", 10_000, "blue", 0)
                .build();

        assertThat(fixed.servesAlike(before, resalted)).isTrue();
        assertThat(wholeSplit.servesAlike(before, rebucketed)).isTrue();
        assertThat(split.servesAlike(before, resalted)).isFalse();
        assertThat(split.servesAlike(before, rebucketed)).isFalse();
    }

    @Test
    void targeting_a_unit_for_another_variant_moves_it_there() {
        FlagConfig config = Configs.on()
                .withTarget("red", "alice", "bob")
                .withTarget("blue", "carol")
                .build();

        FlagConfig moved = config.withTarget(BLUE, "alice");

        assertThat(moved.targets(BLUE, "alice")).isTrue();
        assertThat(moved.targets(RED, "alice")).isFalse();
        assertThat(moved.targets(RED, "bob")).isTrue();
        assertThat(moved.targets())
                .extracting(Target::variant, Target::units)
                .containsExactly(tuple(RED, java.util.Set.of("bob")), tuple(BLUE, java.util.Set.of("carol", "alice")));
    }

    @Test
    void moving_the_last_unit_out_of_a_variant_drops_its_target_list() {
        FlagConfig config = Configs.on().withTarget("red", "alice").build();

        FlagConfig moved = config.withTarget(BLUE, "alice");

        assertThat(moved.targets()).extracting(Target::variant).containsExactly(BLUE);
    }

    @Test
    void targeting_an_already_targeted_unit_changes_nothing() {
        FlagConfig config = Configs.on().withTarget("red", "alice").build();

        assertThat(config.withTarget(RED, "alice")).isEqualTo(config);
    }

    @Test
    void with_target_leaves_the_original_untouched() {
        FlagConfig config = Configs.on().withTarget("red", "alice").build();

        config.withTarget(BLUE, "alice");

        assertThat(config.targets(RED, "alice")).isTrue();
    }

    @Test
    void without_target_removes_the_unit_only_from_that_variant() {
        FlagConfig config = Configs.on().withTarget("red", "alice", "bob").build();

        assertThat(config.withoutTarget(RED, "alice").targets(RED, "alice")).isFalse();
        assertThat(config.withoutTarget(RED, "alice").targets(RED, "bob")).isTrue();
        assertThat(config.withoutTarget(BLUE, "alice").targets(RED, "alice")).isTrue();
    }

    @Test
    void each_variant_has_at_most_one_target_list() {
        assertThatThrownBy(() -> Configs.on()
                        .withTarget("red", "alice")
                        .withTarget("red", "bob")
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("targets[1].variant"));
    }

    @Test
    void rule_ids_are_unique_within_a_config() {
        assertThatThrownBy(() -> Configs.on()
                        .withRule(
                                Rules.rule("beta").when(attribute("a").in("x")).serve("true"))
                        .withRule(
                                Rules.rule("beta").when(attribute("b").in("y")).serve("false"))
                        .build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("rules[1].id"));
    }

    @Test
    void a_rule_needs_a_clause() {
        assertThatThrownBy(() -> Rules.rule("empty").serve("true").build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("clauses"));
    }

    @Test
    void check_variants_exist_in_reports_every_unknown_variant_by_field() {
        Flag colour = Flags.aStringFlag("button-colour", "red", "blue").build();
        FlagConfig config = Configs.on()
                .offVariant("grey")
                .withTarget("red", "alice")
                .withTarget("pink", "bob")
                .withRule(Rules.rule("a").when(attribute("a").in("x")).serve("blue"))
                .withRule(Rules.rule("b")
                        .when(attribute("b").in("x"))
                        .serveSplit(Configs.split("red", 5000, "green", 5000)))
                .fallthrough("purple")
                .build();

        assertThatThrownBy(() -> config.checkVariantsExistIn(colour))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field, FieldViolation::code)
                                .containsExactly(
                                        tuple("off_variant", "unknown_variant"),
                                        tuple("targets[1].variant", "unknown_variant"),
                                        tuple("rules[1].serve", "unknown_variant"),
                                        tuple("fallthrough", "unknown_variant")));
    }

    @Test
    void check_variants_exist_in_accepts_a_config_naming_only_the_flags_variants() {
        Flag colour = Flags.aStringFlag("button-colour", "red", "blue").build();
        FlagConfig config = Configs.on()
                .offVariant("red")
                .withTarget("blue", "alice")
                .withRule(Rules.rule("a")
                        .when(attribute("a").in("x"))
                        .serveSplit(Configs.split("red", 5000, "blue", 5000)))
                .fallthrough("blue")
                .build();

        assertThatCode(() -> config.checkVariantsExistIn(colour)).doesNotThrowAnyException();
    }

    @Test
    void a_new_boolean_flag_starts_off_serving_false_and_serves_true_once_switched_on() {
        FlagConfig initial =
                FlagConfig.initialFor(Flags.aBooleanFlag("dark-mode").build());

        assertThat(initial.enabled()).isFalse();
        assertThat(initial.offVariant()).isEqualTo(VariantKey.FALSE);
        assertThat(initial.fallthrough()).isEqualTo(new Serve.Fixed(VariantKey.TRUE));
        assertThat(initial.targets()).isEmpty();
        assertThat(initial.rules()).isEmpty();
    }

    @Test
    void a_new_flag_of_another_kind_serves_its_first_variant() {
        FlagConfig initial = FlagConfig.initialFor(
                Flags.aStringFlag("button-colour", "blue", "red").build());

        assertThat(initial.offVariant()).isEqualTo(BLUE);
        assertThat(initial.fallthrough()).isEqualTo(new Serve.Fixed(BLUE));
    }

    @Test
    void config_lists_are_copied_so_the_config_cannot_change_afterwards() {
        List<Target> targets = new java.util.ArrayList<>(List.of(new Target(RED, java.util.Set.of("alice"))));
        FlagConfig config = new FlagConfig(true, RED, targets, List.of(), new Serve.Fixed(RED));

        targets.clear();

        assertThat(config.targets()).hasSize(1);
    }
}
