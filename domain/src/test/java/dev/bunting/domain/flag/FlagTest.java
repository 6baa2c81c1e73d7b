package dev.bunting.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.bunting.domain.Flags;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flag: variants fit the flag's kind; a boolean flag has exactly the variants true and false. */
class FlagTest {

    private static InvalidInputException rejection(Flags.Builder builder) {
        try {
            builder.build();
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("expected the flag to be rejected");
    }

    @Test
    void a_boolean_flag_has_exactly_the_variants_true_and_false() {
        Flag flag = Flags.aBooleanFlag("dark-mode").build();

        assertThat(flag.variants()).hasSize(2);
        assertThat(flag.variant(VariantKey.TRUE)).map(Variant::value).contains(true);
        assertThat(flag.variant(VariantKey.FALSE)).map(Variant::value).contains(false);
        assertThat(flag.hasVariant(new VariantKey("maybe"))).isFalse();
    }

    @Test
    void the_canonical_variants_in_either_order_are_accepted() {
        Flag flag = Flags.aBooleanFlag("dark-mode")
                .withVariant("false", false)
                .withVariant("true", true)
                .build();

        assertThat(flag.variants()).extracting(Variant::value).containsExactly(false, true);
    }

    @Test
    void a_boolean_flag_without_its_false_variant_is_rejected() {
        InvalidInputException e = rejection(Flags.aBooleanFlag("x").withVariant("true", true));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("variants", "invalid_value"));
    }

    @Test
    void a_boolean_flag_with_a_third_variant_is_rejected() {
        InvalidInputException e = rejection(
                Flags.aBooleanFlag("x").withVariants(Flag.booleanVariants()).withVariant("maybe", true));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("variants", "invalid_value"));
    }

    @Test
    void a_boolean_flag_whose_true_variant_serves_false_is_rejected() {
        InvalidInputException e =
                rejection(Flags.aBooleanFlag("x").withVariant("true", false).withVariant("false", true));

        assertThat(e.violations()).extracting(FieldViolation::code).containsExactly("invalid_value");
    }

    @Test
    void a_boolean_flag_with_renamed_variants_is_rejected() {
        InvalidInputException e =
                rejection(Flags.aBooleanFlag("x").withVariant("on", true).withVariant("off", false));

        assertThat(e.violations()).extracting(FieldViolation::code).containsExactly("invalid_value");
    }

    @Test
    void a_boolean_variant_holding_the_text_true_is_a_type_mismatch() {
        InvalidInputException e =
                rejection(Flags.aBooleanFlag("x").withVariant("true", "true").withVariant("false", false));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("variants[0].value", "type_mismatch"));
    }

    @Test
    void a_string_flags_variants_must_hold_strings() {
        InvalidInputException e = rejection(Flags.aStringFlag("copy")
                .withVariant("a", "Buy")
                .withVariant("b", BigDecimal.ONE)
                .withVariant("c", null));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(
                        tuple("variants[1].value", "type_mismatch"), tuple("variants[2].value", "type_mismatch"));
    }

    @Test
    void a_number_flags_variants_must_hold_big_decimals() {
        assertThat(Flags.aNumberFlag("limit")
                        .withVariant("low", new BigDecimal("10"))
                        .build()
                        .kind())
                .isEqualTo(FlagKind.NUMBER);

        InvalidInputException e =
                rejection(Flags.aNumberFlag("limit").withVariant("low", 10).withVariant("high", "100"));

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactly("variants[0].value", "variants[1].value");
    }

    @Test
    void a_json_flag_accepts_json_documents_only() {
        Object document = Map.of("limits", List.of(BigDecimal.ONE, "two", true), "empty", Map.of());
        assertThat(Flags.aJsonFlag("settings")
                        .withVariant("a", document)
                        .withVariant("b", null)
                        .build()
                        .variants())
                .hasSize(2);

        InvalidInputException e = rejection(
                Flags.aJsonFlag("settings").withVariant("a", Map.of("n", 1)).withVariant("b", Arrays.asList(1.5d)));

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactly("variants[0].value", "variants[1].value");
    }

    @Test
    void variant_keys_are_unique_within_a_flag() {
        InvalidInputException e = rejection(Flags.aStringFlag("copy", "a", "b", "a"));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("variants[2].key", "duplicate"));
    }

    @Test
    void a_flag_needs_a_variant() {
        InvalidInputException e = rejection(Flags.aStringFlag("copy"));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("variants", "required"));
    }

    @Test
    void a_flags_version_starts_at_one() {
        Flag flag = Flags.aBooleanFlag("dark-mode").build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Flag(
                        flag.key(),
                        flag.name(),
                        null,
                        List.of(),
                        flag.kind(),
                        flag.variants(),
                        flag.salt(),
                        flag.bucketBy(),
                        0,
                        flag.createdAt(),
                        flag.updatedAt()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        ex -> assertThat(ex.violations().getFirst().field()).isEqualTo("version"));
    }

    @Test
    void archiving_makes_the_next_version_archived_and_unchangeable_and_restoring_undoes_only_that() {
        Flag flag = Flags.aBooleanFlag("dark-mode").build();
        Instant at = Flags.CREATED_AT.plusSeconds(60);

        Flag archived = flag.archive(at);
        Flag restored = archived.restore(at.plusSeconds(1));

        assertThat(flag.isArchived()).isFalse();
        assertThat(flag.refusalToChange()).isEmpty();
        assertThat(archived.isArchived()).isTrue();
        assertThat(archived.archivedAt()).isEqualTo(at);
        assertThat(archived.updatedAt()).isEqualTo(at);
        assertThat(archived.version()).isEqualTo(flag.version() + 1);
        assertThat(archived.refusalToChange()).contains("flag 'dark-mode' is archived; restore it first");
        assertThat(restored.isArchived()).isFalse();
        assertThat(restored.version()).isEqualTo(flag.version() + 2);
        assertThat(restored.variants()).isEqualTo(flag.variants());
        assertThat(restored.salt()).isEqualTo(flag.salt());
    }

    @Test
    void an_archived_flag_cannot_be_archived_again_nor_an_active_one_restored() {
        Flag flag = Flags.aBooleanFlag("dark-mode").build();
        Flag archived = flag.archive(Flags.CREATED_AT);

        assertThatThrownBy(() -> archived.archive(Flags.CREATED_AT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> flag.restore(Flags.CREATED_AT)).isInstanceOf(IllegalStateException.class);
    }
}
