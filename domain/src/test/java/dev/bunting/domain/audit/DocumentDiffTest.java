package dev.bunting.domain.audit;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Rules;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DocumentDiff: the field-level changes between the before and after documents of an audit entry. */
class DocumentDiffTest {

    private static final Instant AT = Instant.parse("2026-05-01T09:00:00Z");

    @Test
    void identical_documents_have_no_changes() {
        Object document = config(2, betaRule("pro", "team"));

        assertThat(DocumentDiff.between(document, document)).isEmpty();
        assertThat(DocumentDiff.between(null, null)).isEmpty();
    }

    @Test
    void a_changed_clause_value_is_reported_at_its_path_with_the_whole_list_of_values() {
        Object before = config(1, betaRule("pro", "team"));
        Object after = config(2, betaRule("pro", "team", "enterprise"));

        assertThat(DocumentDiff.between(before, after))
                .containsExactly(
                        new FieldChange(
                                "config.rules[0].clauses[1].values",
                                List.of("pro", "team"),
                                List.of("pro", "team", "enterprise")),
                        new FieldChange("version", BigDecimal.ONE, new BigDecimal("2")));
    }

    @Test
    void an_added_rule_is_one_change_holding_the_whole_rule() {
        Object before = config(1, betaRule("pro"));
        Object after = config(
                2,
                betaRule("pro"),
                Rules.rule("staff").when(attribute("staff").eq(true)).serve("true"));

        List<FieldChange> changes = DocumentDiff.between(before, after);

        assertThat(changes).extracting(FieldChange::path).containsExactly("config.rules[1]", "version");
        assertThat(changes.getFirst().before()).isNull();
        assertThat(changes.getFirst().after())
                .isInstanceOfSatisfying(Map.class, rule -> assertThat(rule).containsEntry("id", "staff"));
    }

    @Test
    void a_toggle_and_a_target_are_reported_field_by_field() {
        FlagConfig off = Configs.off().offVariant("false").fallthrough("true").build();
        FlagConfig on = Configs.on()
                .offVariant("false")
                .withTarget("true", "alice")
                .fallthrough("true")
                .build();

        List<FieldChange> changes = DocumentDiff.between(document(off, 1), document(on, 2));

        assertThat(changes)
                .containsExactly(
                        new FieldChange("config.enabled", false, true),
                        new FieldChange(
                                "config.targets[0]", null, Map.of("variant", "true", "units", List.of("alice"))),
                        new FieldChange("version", BigDecimal.ONE, new BigDecimal("2")));
    }

    @Test
    void a_created_document_lists_each_top_level_field_and_a_deleted_one_the_same_in_reverse() {
        Object environment = AuditDocuments.of(new Environment(new EnvironmentKey("qa"), "QA", false, true, AT));

        assertThat(DocumentDiff.between(null, environment))
                .containsExactly(
                        new FieldChange("key", null, "qa"),
                        new FieldChange("name", null, "QA"),
                        new FieldChange("protected", null, false),
                        new FieldChange("public_evaluation", null, true));
        assertThat(DocumentDiff.between(environment, null))
                .containsExactly(
                        new FieldChange("key", "qa", null),
                        new FieldChange("name", "QA", null),
                        new FieldChange("protected", false, null),
                        new FieldChange("public_evaluation", true, null));
    }

    @Test
    void fields_are_compared_in_code_point_order_whatever_order_each_document_kept_them_in() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("b", 1);
        before.put("a", 1);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("a", 2);
        after.put("b", 2);

        assertThat(DocumentDiff.between(before, after))
                .extracting(FieldChange::path)
                .containsExactly("a", "b");
    }

    @Test
    void an_absent_field_and_a_null_one_are_the_same_and_numbers_compare_by_value() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("description", null);
        before.put("weight", new BigDecimal("1.0"));
        before.put("values", List.of(new BigDecimal("2.50")));

        Map<String, Object> after = Map.of("weight", 1, "values", List.of(new BigDecimal("2.5")));

        assertThat(DocumentDiff.between(before, after)).isEmpty();
    }

    @Test
    void a_value_that_changes_shape_is_one_change() {
        Map<String, Object> before = Map.of("value", Map.of("limit", 3));
        Map<String, Object> after = Map.of("value", List.of(3));

        assertThat(DocumentDiff.between(before, after))
                .containsExactly(
                        new FieldChange("value", Map.of("limit", new BigDecimal("3")), List.of(new BigDecimal("3"))));
    }

    @Test
    void nested_json_values_are_followed_into_arrays_of_objects_and_odd_field_names_are_quoted() {
        Map<String, Object> before = Map.of(
                "variants",
                List.of(Map.of(
                        "key", "rich", "value", Map.of("a key", List.of(Map.of("deep", 1)), "say \"hi\"", "x"))));
        Map<String, Object> after = Map.of(
                "variants",
                List.of(Map.of(
                        "key", "rich", "value", Map.of("a key", List.of(Map.of("deep", 2)), "say \"hi\"", "y"))));

        assertThat(DocumentDiff.between(before, after))
                .extracting(FieldChange::path)
                .containsExactly("variants[0].value[\"a key\"][0].deep", "variants[0].value[\"say \\\"hi\\\"\"]");
    }

    @Test
    void a_document_that_is_not_an_object_is_compared_whole() {
        assertThat(DocumentDiff.between("old text", "new text"))
                .containsExactly(new FieldChange("", "old text", "new text"));
        assertThat(DocumentDiff.between(null, Arrays.asList(1, null)))
                .containsExactly(new FieldChange("", null, Arrays.asList(BigDecimal.ONE, null)));
    }

    private static Object config(long version, Rules.Builder... rules) {
        Configs.Builder config = Configs.on().offVariant("false").fallthrough("false");
        for (Rules.Builder rule : rules) {
            config.withRule(rule);
        }
        return document(config.build(), version);
    }

    private static Object document(FlagConfig config, long version) {
        return AuditDocuments.of(
                new EnvironmentConfig(new FlagKey("checkout"), EnvironmentKey.PRODUCTION, config, version, AT));
    }

    private static Rules.Builder betaRule(String... plans) {
        return Rules.rule("beta")
                .when(attribute("country").in("de"))
                .when(attribute("plan").in((Object[]) plans))
                .serve("true");
    }
}
