package dev.bunting.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every limit on a config is enforced where configs are built, so every way of writing one meets it, and is reported
 * with the field it concerns and the limit by number. A config at every limit at once is accepted.
 */
class ConfigLimitsTest {

    private static final Supplier<String> NO_NEW_IDS = () -> {
        throw new AssertionError("every rule has an id");
    };

    @Test
    void a_config_of_more_rules_than_allowed_is_refused_before_its_rules_are_read() {
        List<Object> rules = new ArrayList<>(Collections.nCopies(FlagConfig.MAX_RULES + 1, "not even a rule"));

        FieldViolation violation = violation(() -> read(Map.of("rules", rules)));

        assertThat(violation)
                .isEqualTo(new FieldViolation(
                        "rules", "too_many", "rules may hold at most " + FlagConfig.MAX_RULES + " entries"));
    }

    @Test
    void a_rule_of_more_clauses_than_allowed_is_refused() {
        List<Object> clauses = Collections.nCopies(Rule.MAX_CLAUSES + 1, clause("in", List.of("a")));

        FieldViolation violation = violation(() -> read(Map.of("rules", List.of(rule("r0", clauses)))));

        assertThat(violation.field()).isEqualTo("rules[0].clauses");
        assertThat(violation.code()).isEqualTo("too_many");
        assertThat(violation.message()).contains(String.valueOf(Rule.MAX_CLAUSES));
    }

    @Test
    void a_clause_of_more_values_than_allowed_is_refused() {
        List<Object> values = Collections.nCopies(Clause.MAX_VALUES + 1, "same");

        FieldViolation violation =
                violation(() -> read(Map.of("rules", List.of(rule("r0", List.of(clause("in", values)))))));

        assertThat(violation.field()).isEqualTo("rules[0].clauses[0].values");
        assertThat(violation.code()).isEqualTo("too_many");
        assertThat(violation.message()).contains(String.valueOf(Clause.MAX_VALUES));
    }

    @Test
    void a_value_longer_than_allowed_is_refused_whatever_its_operator() {
        for (String operator : List.of("in", "eq", "contains", "matches")) {
            String tooLong = "a".repeat(Clause.MAX_VALUE_LENGTH + 1);

            FieldViolation violation = violation(() ->
                    read(Map.of("rules", List.of(rule("r0", List.of(clause(operator, List.of(tooLong))))))));

            assertThat(violation)
                    .as(operator)
                    .isEqualTo(new FieldViolation(
                            "rules[0].clauses[0].values[0]",
                            "too_long",
                            "values[0] must be at most " + Clause.MAX_VALUE_LENGTH + " characters"));
        }
    }

    @Test
    void a_config_of_more_regular_expressions_than_allowed_is_refused() {
        List<Object> rules = new ArrayList<>();
        for (int r = 0; r <= FlagConfig.MAX_PATTERNS; r++) {
            rules.add(rule("r" + r, List.of(clause("matches", List.of("^user-" + r + "$")))));
        }

        FieldViolation violation = violation(() -> read(Map.of("rules", rules)));

        assertThat(violation.field()).isEqualTo("rules");
        assertThat(violation.code()).isEqualTo("too_many");
        assertThat(violation.message()).contains("at most " + FlagConfig.MAX_PATTERNS + " regular expressions");
    }

    @Test
    void a_config_larger_than_allowed_is_refused_with_its_size() {
        List<Object> rules = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            rules.add(rule(
                    "r" + r, List.of(clause("in", Collections.nCopies(2, "v".repeat(Clause.MAX_VALUE_LENGTH))))));
        }

        FieldViolation violation = violation(() -> read(Map.of("rules", rules)));

        assertThat(violation.field()).isEmpty();
        assertThat(violation.code()).isEqualTo("too_large");
        assertThat(violation.message())
                .startsWith("a config's JSON may be at most " + FlagConfig.MAX_SIZE + " characters; this one is ");
    }

    @Test
    void adding_a_target_that_takes_a_config_past_its_size_is_refused_too() {
        FlagConfig nearlyFull = Limits.largestConfig();
        int units = 0;
        FlagConfig config = nearlyFull;
        InvalidInputException refused = null;
        while (refused == null && units < 1_000) {
            try {
                config = config.withTarget(VariantKey.TRUE, "unit-" + units++ + "-" + "u".repeat(200));
            } catch (InvalidInputException e) {
                refused = e;
            }
        }

        assertThat(refused).as("a target past the size").isNotNull();
        assertThat(refused.violations().getFirst().code()).isEqualTo("too_large");
    }

    @Test
    void the_largest_config_within_every_limit_is_accepted_and_reads_back_equal() {
        FlagConfig largest = Limits.largestConfig();

        assertThat(DocumentReader.jsonLength(FlagDocuments.writeConfig(largest)))
                .isBetween(FlagConfig.MAX_SIZE - 4096L, (long) FlagConfig.MAX_SIZE);
        assertThat(FlagDocuments.readConfig(FlagDocuments.writeConfig(largest), NO_NEW_IDS))
                .isEqualTo(largest);
    }

    @Test
    void the_measured_size_is_that_of_the_compact_json_text() {
        Object document = Map.of("a", List.of("x\"y", true, new java.math.BigDecimal("1.50")), "b", Map.of());

        // {"a":["x\"y",true,1.50],"b":{}} in either order of the two fields
        assertThat(DocumentReader.jsonLength(document)).isEqualTo("{\"a\":[\"x\\\"y\",true,1.50],\"b\":{}}".length());
    }

    private static FlagConfig read(Map<String, Object> fields) {
        Map<String, Object> document = new java.util.LinkedHashMap<>(
                Map.of("enabled", true, "off_variant", "false", "fallthrough", Map.of("variant", "true")));
        document.putAll(fields);
        return FlagDocuments.readConfig(document, NO_NEW_IDS);
    }

    private static Map<String, Object> rule(String id, List<Object> clauses) {
        return Map.of("id", id, "clauses", clauses, "serve", Map.of("variant", "true"));
    }

    private static Map<String, Object> clause(String operator, List<?> values) {
        return Map.of("attribute", "email", "operator", operator, "values", values);
    }

    private static FieldViolation violation(Runnable read) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, read::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.violations().getFirst();
    }
}
