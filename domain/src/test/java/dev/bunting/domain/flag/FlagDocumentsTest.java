package dev.bunting.domain.flag;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.Clauses;
import dev.bunting.domain.Configs;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.Rules;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** FlagDocuments: the one JSON-tree form of configs. It round-trips, and reads strictly, naming the failing field's path. */
class FlagDocumentsTest {

    private static final Supplier<String> NO_NEW_IDS = () -> {
        throw new AssertionError("no rule should need a new id");
    };

    /** A config using every part of the document: targets, every operator, negation, ignore_case, descriptions, splits. */
    private static FlagConfig everyFeature() {
        return Configs.on()
                .offVariant("false")
                .withTarget("true", "alice", "bob")
                .withTarget("false", "mallory")
                .withRule(Rules.rule("staff")
                        .describedAs("our own people")
                        .when(attribute("email").endsWith("@bunting.dev").ignoringCase())
                        .when(attribute("country").in("de", "fr").negated())
                        .serve("true"))
                .withRule(Rules.rule("numbers-and-flags")
                        .when(attribute("plan_id").in(42, new BigDecimal("1.5"), true, "pro"))
                        .when(attribute("age").gte(18))
                        .when(attribute("score").lt(new BigDecimal("99.5")))
                        .when(attribute("seats").gt(1))
                        .when(attribute("errors").lte(0))
                        .when(attribute("tier").eq("gold"))
                        .serveSplit(Configs.split("true", 2500, "false", 7500)))
                .withRule(Rules.rule("text")
                        .when(attribute("path").startsWith("/beta"))
                        .when(attribute("ua").contains("Mobile"))
                        .when(attribute("id").matches("^user-[0-9]+$"))
                        .serve("false"))
                .withRule(Rules.rule("versions-and-dates")
                        .when(attribute("app").semverGt("1.2.0-rc.1"))
                        .when(attribute("app").semverLt("v2"))
                        .when(attribute("os").semverEq("17.4"))
                        .when(attribute("signed_up").before("2026-03-01T00:00:00+01:00"))
                        .when(attribute("signed_up").after(new BigDecimal("1700000000000")))
                        .when(attribute("company_id").exists())
                        .serve("true"))
                .fallthroughSplit(Split.booleanRollout(new BigDecimal("33.33")))
                .build();
    }

    private static InvalidInputException readFailure(Object document) {
        try {
            FlagDocuments.readConfig(document, () -> "generated");
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("expected the document to be rejected: " + document);
    }

    private static FieldViolation onlyViolation(Object document) {
        InvalidInputException e = readFailure(document);
        assertThat(e.violations()).hasSize(1);
        return e.violations().getFirst();
    }

    /** A mutable deep copy of a written document, so a test can break one part of it. */
    @SuppressWarnings("unchecked")
    private static <T> T mutable(T document) {
        return (T)
                switch (document) {
                    case Map<?, ?> map -> {
                        Map<String, Object> copy = new LinkedHashMap<>();
                        map.forEach((k, v) -> copy.put((String) k, mutable(v)));
                        yield copy;
                    }
                    case List<?> list ->
                        new ArrayList<>(
                                list.stream().map(FlagDocumentsTest::mutable).toList());
                    default -> document;
                };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> document, Object... path) {
        Object node = document;
        for (Object step : path) {
            node = step instanceof Integer i
                    ? ((List<Object>) node).get(i)
                    : ((Map<String, Object>) node).get((String) step);
        }
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> writtenEveryFeature() {
        return mutable(FlagDocuments.writeConfig(everyFeature()));
    }

    @Test
    void writing_then_reading_a_config_gives_back_an_equal_config() {
        FlagConfig original = everyFeature();

        FlagConfig read = FlagDocuments.readConfig(FlagDocuments.writeConfig(original), NO_NEW_IDS);

        assertThat(read).isEqualTo(original);
    }

    @Test
    void a_disabled_config_with_a_fixed_fallthrough_round_trips_too() {
        FlagConfig original =
                Configs.off().offVariant("false").fallthrough("true").build();

        assertThat(FlagDocuments.readConfig(FlagDocuments.writeConfig(original), NO_NEW_IDS))
                .isEqualTo(original);
    }

    @Test
    void the_form_for_evaluation_reads_back_to_the_same_config_without_rule_descriptions() {
        FlagConfig original = everyFeature();

        FlagConfig read = FlagDocuments.readConfig(FlagDocuments.writeConfigForEvaluation(original), NO_NEW_IDS);

        List<Rule> undescribed = original.rules().stream()
                .map(rule -> new Rule(rule.id(), null, rule.clauses(), rule.serve()))
                .toList();
        assertThat(read)
                .isEqualTo(new FlagConfig(
                        original.enabled(),
                        original.offVariant(),
                        original.targets(),
                        undescribed,
                        original.fallthrough()));
    }

    @Test
    void the_form_for_evaluation_leaves_out_what_reading_takes_as_default() {
        FlagConfig disabled =
                Configs.off().offVariant("false").fallthrough("true").build();

        Map<String, Object> written = FlagDocuments.writeConfigForEvaluation(disabled);

        assertThat(written).containsOnlyKeys("off_variant", "fallthrough");
        assertThat(FlagDocuments.readConfig(written, NO_NEW_IDS)).isEqualTo(disabled);
        Map<String, Object> everything = FlagDocuments.writeConfigForEvaluation(everyFeature());
        assertThat(at(everything, "rules", 0)).containsOnlyKeys("id", "clauses", "serve");
        assertThat(at(everything, "rules", 0, "clauses", 0))
                .containsOnlyKeys("attribute", "operator", "values", "ignore_case");
        assertThat(at(everything, "rules", 0, "clauses", 1))
                .containsOnlyKeys("attribute", "operator", "values", "negate");
        assertThat(at(everything, "rules", 3, "clauses", 5)).containsOnlyKeys("attribute", "operator");
    }

    @Test
    void variants_for_evaluation_keep_keys_and_values_only() {
        List<Variant> variants = List.of(
                new Variant(new VariantKey("small"), Map.of("limit", new BigDecimal("10")), "ten"),
                Variant.of("none", null));

        assertThat(FlagDocuments.readVariants("variants", FlagDocuments.writeVariantsForEvaluation(variants)))
                .containsExactly(
                        new Variant(new VariantKey("small"), Map.of("limit", new BigDecimal("10")), null),
                        Variant.of("none", null));
    }

    @Test
    void numbers_read_as_whatever_type_a_parser_gave_are_equal_to_big_decimals() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("enabled", true);
        document.put("off_variant", "false");
        document.put(
                "rules",
                List.of(Map.of(
                        "id",
                        "adults",
                        "clauses",
                        List.of(Map.of("attribute", "age", "operator", "gte", "values", List.of(18))),
                        "serve",
                        Map.of("variant", "true"))));
        document.put(
                "fallthrough",
                Map.of(
                        "split",
                        List.of(
                                Map.of("variant", "true", "weight", 3000L),
                                Map.of("variant", "false", "weight", BigInteger.valueOf(7000)))));

        FlagConfig read = FlagDocuments.readConfig(document, NO_NEW_IDS);

        assertThat(read)
                .isEqualTo(Configs.on()
                        .withRule(Rules.rule("adults")
                                .when(Clauses.attribute("age").gte(18))
                                .serve("true"))
                        .fallthroughSplit(Split.booleanRollout(new BigDecimal("30")))
                        .build());
    }

    @Test
    void a_version_field_is_allowed_and_ignored() {
        Map<String, Object> document = writtenEveryFeature();
        document.put("version", 7);

        assertThat(FlagDocuments.readConfig(document, NO_NEW_IDS)).isEqualTo(everyFeature());
    }

    @Test
    void an_unknown_top_level_field_is_rejected_by_name() {
        Map<String, Object> document = writtenEveryFeature();
        document.put("enabeld", true);

        FieldViolation violation = onlyViolation(document);

        assertThat(violation.field()).isEqualTo("enabeld");
        assertThat(violation.code()).isEqualTo("unknown_field");
    }

    @Test
    void an_unknown_nested_field_is_rejected_with_its_full_path() {
        Map<String, Object> document = writtenEveryFeature();
        at(document, "rules", 1, "clauses", 2).put("negated", true);

        FieldViolation violation = onlyViolation(document);

        assertThat(violation.field()).isEqualTo("rules[1].clauses[2].negated");
        assertThat(violation.code()).isEqualTo("unknown_field");
    }

    @Test
    void an_unknown_field_in_a_split_weight_is_rejected_with_its_full_path() {
        Map<String, Object> document = writtenEveryFeature();
        at(document, "fallthrough", "split", 1).put("percent", 66.67);

        assertThat(onlyViolation(document).field()).isEqualTo("fallthrough.split[1].percent");
    }

    @Test
    void wrong_types_are_rejected_with_the_fields_path() {
        record Case(String description, java.util.function.Consumer<Map<String, Object>> breakIt, String field) {}
        List<Case> cases = List.of(
                new Case("enabled as text", d -> d.put("enabled", "yes"), "enabled"),
                new Case("targets as text", d -> d.put("targets", "alice"), "targets"),
                new Case(
                        "a unit as a number",
                        d -> at(d, "targets", 0).put("units", List.of("alice", 7)),
                        "targets[0].units[1]"),
                new Case(
                        "a weight as text",
                        d -> at(d, "fallthrough", "split", 0).put("weight", "3333"),
                        "fallthrough.split[0].weight"),
                new Case(
                        "a fractional weight",
                        d -> at(d, "fallthrough", "split", 0).put("weight", new BigDecimal("3333.5")),
                        "fallthrough.split[0].weight"),
                new Case(
                        "negate as text",
                        d -> at(d, "rules", 0, "clauses", 1).put("negate", "true"),
                        "rules[0].clauses[1].negate"),
                new Case(
                        "a clause value as an object",
                        d -> at(d, "rules", 1, "clauses", 0).put("values", List.of(Map.of("a", 1))),
                        "rules[1].clauses[0].values[0]"),
                new Case("a rule as text", d -> d.put("rules", List.of("staff")), "rules[0]"),
                new Case(
                        "the operator as a number",
                        d -> at(d, "rules", 0, "clauses", 0).put("operator", 3),
                        "rules[0].clauses[0].operator"),
                new Case("a rule id as a number", d -> at(d, "rules", 1).put("id", 2), "rules[1].id"),
                new Case("the off variant as a boolean", d -> d.put("off_variant", false), "off_variant"),
                new Case(
                        "a target variant as a boolean",
                        d -> at(d, "targets", 1).put("variant", false),
                        "targets[1].variant"),
                new Case(
                        "the fallthrough variant as a boolean",
                        d -> d.put("fallthrough", Map.of("variant", true)),
                        "fallthrough.variant"),
                new Case(
                        "a split variant as a boolean",
                        d -> at(d, "rules", 1, "serve", "split", 0).put("variant", true),
                        "rules[1].serve.split[0].variant"));

        org.assertj.core.api.SoftAssertions.assertSoftly(softly -> {
            for (Case c : cases) {
                FieldViolation violation = onlyViolation(apply(c.breakIt()));
                softly.assertThat(violation.field()).as(c.description()).isEqualTo(c.field());
                softly.assertThat(violation.code()).as(c.description()).isEqualTo("invalid_type");
            }
        });
    }

    private static Map<String, Object> apply(java.util.function.Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> document = writtenEveryFeature();
        breakIt.accept(document);
        return document;
    }

    @Test
    void a_document_that_is_not_an_object_is_rejected() {
        assertThat(onlyViolation(List.of()).code()).isEqualTo("invalid_type");
        assertThat(onlyViolation("config").code()).isEqualTo("invalid_type");
    }

    @Test
    void an_unknown_operator_is_rejected_with_its_path() {
        Map<String, Object> document = writtenEveryFeature();
        at(document, "rules", 0, "clauses", 0).put("operator", "like");

        FieldViolation violation = onlyViolation(document);

        assertThat(violation.field()).isEqualTo("rules[0].clauses[0].operator");
        assertThat(violation.code()).isEqualTo("invalid_value");
    }

    @Test
    void an_invalid_clause_value_is_rejected_with_its_path() {
        Map<String, Object> document = writtenEveryFeature();
        at(document, "rules", 3, "clauses", 0).put("values", List.of("not-a-version"));

        FieldViolation violation = onlyViolation(document);

        assertThat(violation.field()).isEqualTo("rules[3].clauses[0].values[0]");
        assertThat(violation.code()).isEqualTo("invalid_value");
    }

    @Test
    void missing_required_fields_are_named() {
        Map<String, Object> noOffVariant = writtenEveryFeature();
        noOffVariant.remove("off_variant");
        Map<String, Object> noFallthrough = writtenEveryFeature();
        noFallthrough.remove("fallthrough");
        Map<String, Object> noClauses = writtenEveryFeature();
        at(noClauses, "rules", 2).remove("clauses");

        assertThat(onlyViolation(noOffVariant))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly("off_variant", "required");
        assertThat(onlyViolation(noFallthrough))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly("fallthrough", "required");
        assertThat(onlyViolation(noClauses))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly("rules[2].clauses", "required");
    }

    @Test
    void a_serve_names_either_a_variant_or_a_split_not_both() {
        Map<String, Object> document = writtenEveryFeature();
        document.put(
                "fallthrough", Map.of("variant", "true", "split", List.of(Map.of("variant", "true", "weight", 10000))));

        FieldViolation violation = onlyViolation(document);

        assertThat(violation.field()).isEqualTo("fallthrough");
        assertThat(violation.code()).isEqualTo("invalid_value");
    }

    @Test
    void a_split_that_does_not_sum_to10000_is_rejected_at_the_split() {
        Map<String, Object> document = writtenEveryFeature();
        at(document, "fallthrough", "split", 0).put("weight", 3000);

        FieldViolation violation = onlyViolation(document);

        assertThat(violation.field()).isEqualTo("fallthrough.split");
        assertThat(violation.code()).isEqualTo("invalid_sum");
    }

    @Test
    void rules_without_an_id_get_one_from_the_supplier_and_others_keep_theirs() {
        Map<String, Object> document = writtenEveryFeature();
        at(document, "rules", 0).remove("id");
        at(document, "rules", 2).remove("id");
        AtomicInteger issued = new AtomicInteger();

        FlagConfig read = FlagDocuments.readConfig(document, () -> "rule-" + issued.incrementAndGet());

        assertThat(read.rules())
                .extracting(r -> r.id().value())
                .containsExactly("rule-1", "numbers-and-flags", "rule-2", "versions-and-dates");
        assertThat(issued).hasValue(2);
        assertThat(read.rules().get(0).clauses())
                .isEqualTo(everyFeature().rules().get(0).clauses());
    }

    @Test
    void variants_round_trip_and_numbers_become_big_decimals() {
        List<Variant> variants = List.of(
                new Variant(new VariantKey("small"), Map.of("limit", new BigDecimal("10")), "ten"),
                Variant.of("none", null));

        assertThat(FlagDocuments.readVariants("variants", FlagDocuments.writeVariants(variants)))
                .isEqualTo(variants);
        assertThat(FlagDocuments.readVariants("variants", List.of(Map.of("key", "n", "value", 10))))
                .containsExactly(Variant.of("n", BigDecimal.TEN));
    }

    @Test
    void a_variant_without_a_value_field_is_rejected() {
        assertThatThrownBy(() -> FlagDocuments.readVariants("variants", List.of(Map.of("key", "a"))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("variants[0].value"));
    }
}
