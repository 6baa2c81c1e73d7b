package dev.bunting.domain.evaluation;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Contexts;
import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.Rules;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.RuleId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every clause operator, as documented on {@link Clause}: "A clause holds when the attribute matches any of the values.
 * A missing attribute never matches, negated or not, except under exists." Each clause is checked through a real
 * evaluation: a rule serving {@code true} over a fallthrough of {@code false}.
 */
class ClauseOperatorTest {

    private static final Evaluator EVALUATOR = Evaluators.standard();
    private static final Flag FLAG = Flags.aBooleanFlag("operator-under-test").build();
    private static final RuleId RULE = new RuleId("under-test");

    /** Whether {@code clause} holds for {@code context}, asserting the evaluation is a clean rule match or a clean miss. */
    static boolean holds(Clause clause, EvaluationContext context) {
        FlagConfig config = Configs.on()
                .withRule(Rules.rule(RULE.value()).when(clause).serve("true"))
                .fallthrough("false")
                .build();
        Evaluation evaluation = EVALUATOR.prepare(FLAG, config).evaluate(context);
        assertThat(evaluation.errorCode()).as("error code of %s", evaluation).isNull();
        if (evaluation.reason() == Reason.TARGETING_MATCH) {
            assertThat(evaluation.ruleId()).isEqualTo(RULE);
            assertThat(evaluation.value()).isEqualTo(true);
            return true;
        }
        assertThat(evaluation.reason()).isEqualTo(Reason.DEFAULT);
        assertThat(evaluation.value()).isEqualTo(false);
        return false;
    }

    static boolean holds(Clause clause, String attributeName, Object value) {
        return holds(clause, Contexts.user("user-1").with(attributeName, value).build());
    }

    static boolean holdsWithout(Clause clause) {
        return holds(clause, Contexts.user("user-1").with("unrelated", "x").build());
    }

    @Nested
    class In {
        @Test
        void holds_when_the_attribute_equals_any_listed_value() {
            Clause clause = attribute("country").in("de", "fr", "nl");
            assertThat(holds(clause, "country", "fr")).isTrue();
            assertThat(holds(clause, "country", "us")).isFalse();
        }

        @Test
        void compares_case_sensitively_unless_ignore_case_is_set() {
            Clause clause = attribute("country").in("DE");
            assertThat(holds(clause, "country", "de")).isFalse();
            assertThat(holds(clause.ignoringCase(), "country", "de")).isTrue();
            assertThat(holds(clause.ignoringCase(), "country", "De")).isTrue();
        }

        @Test
        void compares_numbers_by_value_whatever_their_java_type_or_scale() {
            Clause clause = attribute("plan_id").in(42, new BigDecimal("1.5"));
            assertThat(holds(clause, "plan_id", 42)).isTrue();
            assertThat(holds(clause, "plan_id", 42L)).isTrue();
            assertThat(holds(clause, "plan_id", 42.0d)).isTrue();
            assertThat(holds(clause, "plan_id", new BigDecimal("42.00"))).isTrue();
            assertThat(holds(clause, "plan_id", new BigDecimal("1.50"))).isTrue();
            assertThat(holds(clause, "plan_id", 43)).isFalse();
        }

        @Test
        void numeric_text_and_numbers_compare_by_their_canonical_text() {
            assertThat(holds(attribute("plan_id").in(42), "plan_id", "42")).isTrue();
            assertThat(holds(attribute("plan_id").in("42"), "plan_id", 42)).isTrue();
            assertThat(holds(attribute("plan_id").in("42"), "plan_id", "042")).isFalse();
        }

        @Test
        void booleans_compare_as_the_words_true_and_false() {
            assertThat(holds(attribute("beta").in(true), "beta", true)).isTrue();
            assertThat(holds(attribute("beta").in(true), "beta", false)).isFalse();
            assertThat(holds(attribute("beta").in("true"), "beta", true)).isTrue();
        }

        @Test
        void the_targeting_key_is_addressable_as_an_attribute() {
            Clause clause = attribute(EvaluationContext.TARGETING_KEY).in("alice");
            assertThat(holds(clause, Contexts.user("alice").build())).isTrue();
            assertThat(holds(clause, Contexts.user("bob").build())).isFalse();
        }
    }

    @Nested
    class Eq {
        @Test
        void holds_only_for_the_one_value() {
            Clause clause = attribute("plan").eq("pro");
            assertThat(holds(clause, "plan", "pro")).isTrue();
            assertThat(holds(clause, "plan", "professional")).isFalse();
            assertThat(holds(clause.ignoringCase(), "plan", "PRO")).isTrue();
            assertThat(holds(clause, "plan", "PRO")).isFalse();
        }

        @Test
        void takes_exactly_one_value() {
            assertThatThrownBy(() -> attribute("plan").is(Operator.EQ, "a", "b"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().field()).isEqualTo("values"));
        }
    }

    @Nested
    class TextOperators {
        @Test
        void contains_holds_for_a_substring() {
            Clause clause = attribute("email").contains("@example.");
            assertThat(holds(clause, "email", "alice@example.com")).isTrue();
            assertThat(holds(clause, "email", "alice@EXAMPLE.com")).isFalse();
            assertThat(holds(clause.ignoringCase(), "email", "alice@EXAMPLE.com"))
                    .isTrue();
            assertThat(holds(clause, "email", "alice@other.com")).isFalse();
        }

        @Test
        void starts_with_holds_for_a_prefix_only() {
            Clause clause = attribute("path").startsWith("/admin", "/ops");
            assertThat(holds(clause, "path", "/ops/queue")).isTrue();
            assertThat(holds(clause, "path", "/home/admin")).isFalse();
            assertThat(holds(clause, "path", "/ADMIN/users")).isFalse();
            assertThat(holds(clause.ignoringCase(), "path", "/ADMIN/users")).isTrue();
        }

        @Test
        void ends_with_holds_for_a_suffix_only() {
            Clause clause = attribute("email").endsWith("@bunting.dev");
            assertThat(holds(clause, "email", "carol@bunting.dev")).isTrue();
            assertThat(holds(clause, "email", "carol@bunting.dev.evil.com")).isFalse();
            assertThat(holds(clause, "email", "carol@Bunting.DEV")).isFalse();
            assertThat(holds(clause.ignoringCase(), "email", "carol@Bunting.DEV"))
                    .isTrue();
        }

        @Test
        void text_operators_never_hold_for_boolean_or_number_attributes() {
            assertThat(holds(attribute("beta").contains("true"), "beta", true)).isFalse();
            assertThat(holds(attribute("beta").startsWith("t"), "beta", true)).isFalse();
            assertThat(holds(attribute("id").endsWith("2"), "id", 42)).isFalse();
            assertThat(holds(attribute("id").contains("4"), "id", new BigDecimal("42")))
                    .isFalse();
        }

        @Test
        void text_values_must_be_strings() {
            assertThatThrownBy(() -> attribute("id").is(Operator.CONTAINS, BigDecimal.ONE))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().field()).isEqualTo("values[0]"));
        }
    }

    @Nested
    class Matches {
        @Test
        void holds_when_the_pattern_matches_anywhere_in_the_attribute() {
            Clause clause = attribute("email").matches("@(example|bunting)\\.dev$");
            assertThat(holds(clause, "email", "dana@bunting.dev")).isTrue();
            assertThat(holds(clause, "email", "dana@bunting.dev.org")).isFalse();
            assertThat(holds(attribute("id").matches("b"), "id", "abc")).isTrue();
        }

        @Test
        void anchored_patterns_match_the_whole_value_only() {
            Clause clause = attribute("id").matches("^user-[0-9]+$");
            assertThat(holds(clause, "id", "user-123")).isTrue();
            assertThat(holds(clause, "id", "xuser-123")).isFalse();
            assertThat(holds(clause, "id", "user-12a")).isFalse();
        }

        @Test
        void never_holds_for_non_text_attributes() {
            assertThat(holds(attribute("id").matches("4"), "id", 42)).isFalse();
            assertThat(holds(attribute("beta").matches("true"), "beta", true)).isFalse();
        }
    }

    @Nested
    class NumericComparisons {
        @Test
        void gt_and_gte_differ_only_at_the_bound() {
            assertThat(holds(attribute("age").gt(18), "age", 18)).isFalse();
            assertThat(holds(attribute("age").gte(18), "age", 18)).isTrue();
            assertThat(holds(attribute("age").gt(18), "age", 19)).isTrue();
            assertThat(holds(attribute("age").gte(18), "age", 17)).isFalse();
        }

        @Test
        void lt_and_lte_differ_only_at_the_bound() {
            assertThat(holds(attribute("age").lt(18), "age", 18)).isFalse();
            assertThat(holds(attribute("age").lte(18), "age", 18)).isTrue();
            assertThat(holds(attribute("age").lt(18), "age", 17)).isTrue();
            assertThat(holds(attribute("age").lte(18), "age", 19)).isFalse();
        }

        @Test
        void compares_any_numeric_java_type_and_decimals() {
            Clause clause = attribute("score").gt(new BigDecimal("2.5"));
            assertThat(holds(clause, "score", 3)).isTrue();
            assertThat(holds(clause, "score", 3L)).isTrue();
            assertThat(holds(clause, "score", 2.51d)).isTrue();
            assertThat(holds(clause, "score", new BigDecimal("2.50"))).isFalse();
            assertThat(holds(clause, "score", 2.49d)).isFalse();
        }

        @Test
        void numeric_strings_are_compared_as_numbers() {
            Clause clause = attribute("age").gte(18);
            assertThat(holds(clause, "age", "18")).isTrue();
            assertThat(holds(clause, "age", "100")).isTrue(); // numerically, not "100" < "18" as text
            assertThat(holds(clause, "age", "9")).isFalse();
            assertThat(holds(clause, "age", "1.8e1")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "", "18 years", "NaN"})
        void non_numeric_text_never_matches(String value) {
            assertThat(holds(attribute("age").gte(0), "age", value)).isFalse();
            assertThat(holds(attribute("age").lt(1000), "age", value)).isFalse();
        }

        @Test
        void booleans_and_objects_are_not_numbers() {
            assertThat(holds(attribute("age").gte(0), "age", true)).isFalse();
            assertThat(holds(attribute("age").gte(0), "age", Map.of("years", 30)))
                    .isFalse();
        }

        @Test
        void any_of_several_bounds_is_enough() {
            Clause clause = attribute("age").is(Operator.GT, 65, 10);
            assertThat(holds(clause, "age", 30)).isTrue();
            assertThat(holds(clause, "age", 5)).isFalse();
        }

        @Test
        void bounds_must_be_numbers() {
            assertThatThrownBy(() -> attribute("age").gt("18"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().code()).isEqualTo("invalid_value"));
        }
    }

    @Nested
    class SemverComparisons {
        @Test
        void semver_eq_compares_by_precedence_not_text() {
            Clause clause = attribute("app_version").semverEq("2.0.0");
            assertThat(holds(clause, "app_version", "2.0.0")).isTrue();
            assertThat(holds(clause, "app_version", "2")).isTrue();
            assertThat(holds(clause, "app_version", "2.0")).isTrue();
            assertThat(holds(clause, "app_version", "v2.0.0")).isTrue();
            assertThat(holds(clause, "app_version", "2.0.0+build.7")).isTrue();
            assertThat(holds(clause, "app_version", "2.0.1")).isFalse();
            assertThat(holds(clause, "app_version", "2.0.0-rc.1")).isFalse();
        }

        @Test
        void partial_versions_in_the_clause_fill_minor_and_patch_with_zero() {
            Clause clause = attribute("app_version").semverGt("1.2");
            assertThat(holds(clause, "app_version", "1.2.1")).isTrue();
            assertThat(holds(clause, "app_version", "1.2.0")).isFalse();
            assertThat(holds(clause, "app_version", "v1.10")).isTrue(); // 1.10 > 1.2 numerically
        }

        @Test
        void semver_gt_and_lt_respect_pre_release_ordering() {
            assertThat(holds(attribute("v").semverLt("1.0.0"), "v", "1.0.0-rc.1"))
                    .isTrue();
            assertThat(holds(attribute("v").semverGt("1.0.0-rc.1"), "v", "1.0.0"))
                    .isTrue();
            assertThat(holds(attribute("v").semverGt("1.0.0-beta.2"), "v", "1.0.0-beta.11"))
                    .isTrue();
            assertThat(holds(attribute("v").semverGt("1.0.0-beta.11"), "v", "1.0.0-beta.2"))
                    .isFalse();
            assertThat(holds(attribute("v").semverLt("1.0.0-alpha.1"), "v", "1.0.0-alpha"))
                    .isTrue();
            assertThat(holds(attribute("v").semverGt("0.9.9"), "v", "1.0.0-alpha"))
                    .isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-version", "1.2.3.4", "01.2.3", "1.2.3-", "1..2", "", "V1.2.3", "1.2.3-01"})
        void a_version_that_does_not_parse_in_the_context_matches_nothing(String version) {
            assertThat(holds(attribute("v").semverEq("1.2.3"), "v", version)).isFalse();
            assertThat(holds(attribute("v").semverGt("0.0.1"), "v", version)).isFalse();
            assertThat(holds(attribute("v").semverLt("99.0.0"), "v", version)).isFalse();
        }

        @Test
        void a_number_is_not_a_version() {
            assertThat(holds(attribute("v").semverEq("2"), "v", 2)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"latest", "1.2.3.4", "01.0.0", "1.0.0-"})
        void a_version_that_does_not_parse_in_the_clause_is_rejected_when_the_clause_is_built(String version) {
            assertThatThrownBy(() -> attribute("v").semverGt(version))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.violations().getFirst().field()).isEqualTo("values[0]");
                        assertThat(e.violations().getFirst().code()).isEqualTo("invalid_value");
                    });
        }
    }

    @Nested
    class InstantComparisons {
        private static final String LAUNCH = "2026-03-01T00:00:00Z";

        @Test
        void before_and_after_compare_instants_across_offsets() {
            // 00:30 at +01:00 is 23:30 UTC the day before: before the launch, although its local date is the launch day
            assertThat(holds(attribute("signed_up").before(LAUNCH), "signed_up", "2026-03-01T00:30:00+01:00"))
                    .isTrue();
            assertThat(holds(attribute("signed_up").after(LAUNCH), "signed_up", "2026-03-01T00:30:00+01:00"))
                    .isFalse();
            // 23:00 at -02:00 is 01:00 UTC on the launch day: after, although its local date is the day before
            assertThat(holds(attribute("signed_up").after(LAUNCH), "signed_up", "2026-02-28T23:00:00-02:00"))
                    .isTrue();
            assertThat(holds(attribute("signed_up").before(LAUNCH), "signed_up", "2026-02-28T23:00:00-02:00"))
                    .isFalse();
        }

        @Test
        void the_bound_itself_is_neither_before_nor_after() {
            assertThat(holds(attribute("t").before(LAUNCH), "t", "2026-03-01T01:00:00+01:00"))
                    .isFalse();
            assertThat(holds(attribute("t").after(LAUNCH), "t", "2026-03-01T01:00:00+01:00"))
                    .isFalse();
        }

        @Test
        void epoch_milliseconds_work_in_the_context_and_in_the_clause() {
            long launch = Instant.parse(LAUNCH).toEpochMilli();
            assertThat(holds(attribute("t").before(LAUNCH), "t", launch - 1)).isTrue();
            assertThat(holds(attribute("t").after(LAUNCH), "t", new BigDecimal(launch + 1)))
                    .isTrue();
            assertThat(holds(attribute("t").after(launch), "t", "2026-03-01T00:00:00.001Z"))
                    .isTrue();
            assertThat(holds(attribute("t").after(launch), "t", launch)).isFalse();
            assertThat(holds(attribute("t").before(86_400_000), "t", 0)).isTrue(); // Integer millis
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"yesterday", "2026-02-30T00:00:00Z", "2026-03-01T00:00:00", "2026-03-01", "", "1772323200000"
                })
        void a_date_that_does_not_parse_in_the_context_matches_nothing(String value) {
            assertThat(holds(attribute("t").before("2100-01-01T00:00:00Z"), "t", value))
                    .isFalse();
            assertThat(holds(attribute("t").after("1970-01-01T00:00:00Z"), "t", value))
                    .isFalse();
        }

        @Test
        void a_boolean_is_not_an_instant() {
            assertThat(holds(attribute("t").after("1970-01-01T00:00:00Z"), "t", true))
                    .isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2026-03-01", "2026-03-01T00:00:00"})
        void a_date_that_does_not_parse_in_the_clause_is_rejected_when_the_clause_is_built(String value) {
            assertThatThrownBy(() -> attribute("t").before(value))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().field()).isEqualTo("values[0]"));
        }

        @Test
        void fractional_epoch_milliseconds_are_rejected_in_the_clause() {
            assertThatThrownBy(() -> attribute("t").before(new BigDecimal("1.5")))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Nested
    class Exists {
        @Test
        void holds_when_the_attribute_is_present_whatever_its_value() {
            Clause clause = attribute("company_id").exists();
            assertThat(holds(clause, "company_id", "acme")).isTrue();
            assertThat(holds(clause, "company_id", false)).isTrue();
            assertThat(holds(clause, "company_id", List.of())).isTrue();
            assertThat(holdsWithout(clause)).isFalse();
        }

        @Test
        void negated_holds_only_when_the_attribute_is_missing() {
            Clause clause = attribute("company_id").exists().negated();
            assertThat(holdsWithout(clause)).isTrue();
            assertThat(holds(clause, "company_id", "acme")).isFalse();
        }

        @Test
        void the_targeting_key_exists_only_when_the_context_has_one() {
            Clause clause = attribute(EvaluationContext.TARGETING_KEY).exists();
            assertThat(holds(clause, Contexts.user("alice").build())).isTrue();
            assertThat(holds(clause, Contexts.anonymous().build())).isFalse();
        }

        @Test
        void takes_no_values() {
            assertThatThrownBy(() -> new Clause("a", Operator.EXISTS, List.of("x"), false, false))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().code()).isEqualTo("not_allowed"));
        }
    }

    @Nested
    class Negation {
        @Test
        void inverts_a_clause_on_a_present_attribute() {
            Clause notEu = attribute("country").in("de", "fr").negated();
            assertThat(holds(notEu, "country", "us")).isTrue();
            assertThat(holds(notEu, "country", "de")).isFalse();
        }

        @Test
        void negated_text_and_numeric_clauses_invert_too() {
            assertThat(holds(attribute("email").endsWith("@bunting.dev").negated(), "email", "x@example.com"))
                    .isTrue();
            assertThat(holds(attribute("age").gte(18).negated(), "age", 17)).isTrue();
            assertThat(holds(attribute("age").gte(18).negated(), "age", 18)).isFalse();
        }
    }

    @Nested
    class MissingAttributes {
        /** Clause javadoc: "A missing attribute never matches, negated or not, except under exists." */
        @ParameterizedTest
        @EnumSource(value = Operator.class, mode = EnumSource.Mode.EXCLUDE, names = "EXISTS")
        void a_missing_attribute_never_matches_negated_or_not(Operator operator) {
            Clause clause = attribute("absent").is(operator, validValueFor(operator));
            assertThat(holdsWithout(clause)).as("%s", operator).isFalse();
            assertThat(holdsWithout(clause.negated())).as("not %s", operator).isFalse();
        }

        @Test
        void a_null_targeting_key_is_missing() {
            Clause notAlice =
                    attribute(EvaluationContext.TARGETING_KEY).in("alice").negated();
            assertThat(holds(notAlice, Contexts.anonymous().build())).isFalse();
            assertThat(holds(notAlice, Contexts.user("bob").build())).isTrue();
        }

        private static Object validValueFor(Operator operator) {
            return switch (operator) {
                case IN, EQ, CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES -> "x";
                case GT, GTE, LT, LTE -> BigDecimal.TEN;
                case SEMVER_EQ, SEMVER_GT, SEMVER_LT -> "1.0.0";
                case BEFORE, AFTER -> "2026-01-01T00:00:00Z";
                case EXISTS -> throw new IllegalArgumentException("exists takes no values");
            };
        }
    }

    @Nested
    class ListAttributes {
        @Test
        void a_list_holds_when_any_element_matches() {
            Clause clause = attribute("groups").in("beta");
            assertThat(holds(clause, "groups", List.of("staff", "beta"))).isTrue();
            assertThat(holds(clause, "groups", List.of("staff", "admin"))).isFalse();
            assertThat(holds(clause, "groups", List.of())).isFalse();
        }

        @Test
        void every_operator_applies_element_wise() {
            assertThat(holds(
                            attribute("emails").endsWith("@bunting.dev"),
                            "emails",
                            List.of("a@x.com", "a@bunting.dev")))
                    .isTrue();
            assertThat(holds(attribute("scores").gt(90), "scores", List.of(10, 95)))
                    .isTrue();
            assertThat(holds(attribute("scores").gt(90), "scores", List.of(10, 20)))
                    .isFalse();
            assertThat(holds(attribute("versions").semverGt("2.0.0"), "versions", List.of("1.0.0", "junk", "2.1.0")))
                    .isTrue();
        }

        @Test
        void negation_applies_to_the_whole_list() {
            Clause notBeta = attribute("groups").in("beta").negated();
            assertThat(holds(notBeta, "groups", List.of("staff", "admin"))).isTrue();
            assertThat(holds(notBeta, "groups", List.of("staff", "beta"))).isFalse();
        }

        @Test
        void null_elements_are_skipped() {
            assertThat(holds(attribute("groups").in("beta"), "groups", Arrays.asList(null, "beta")))
                    .isTrue();
            assertThat(holds(attribute("groups").in("beta"), "groups", Arrays.asList((Object) null)))
                    .isFalse();
        }
    }

    @Nested
    class TypeMismatches {
        @Test
        void an_object_attribute_matches_no_comparison() {
            Map<String, Object> address = Map.of("country", "de");
            assertThat(holds(attribute("address").in("de"), "address", address)).isFalse();
            assertThat(holds(attribute("address").contains("de"), "address", address))
                    .isFalse();
            assertThat(holds(attribute("address").matches("de"), "address", address))
                    .isFalse();
            assertThat(holds(attribute("address").semverEq("1.0.0"), "address", address))
                    .isFalse();
            assertThat(holds(attribute("address").exists(), "address", address)).isTrue();
        }

        @Test
        void a_boolean_attribute_is_not_text() {
            assertThat(holds(attribute("beta").contains("ru"), "beta", true)).isFalse();
            assertThat(holds(attribute("beta").endsWith("e"), "beta", true)).isFalse();
        }
    }

    @Nested
    class Conjunction {
        @Test
        void a_rule_serves_only_when_every_clause_holds() {
            FlagConfig config = Configs.on()
                    .withRule(Rules.rule("eu-adults")
                            .when(attribute("country").in("de"))
                            .when(attribute("age").gte(18))
                            .serve("true"))
                    .fallthrough("false")
                    .build();
            assertThat(EVALUATOR
                            .prepare(FLAG, config)
                            .evaluate(Contexts.user("u")
                                    .with("country", "de")
                                    .with("age", 30)
                                    .build())
                            .value())
                    .isEqualTo(true);
            assertThat(EVALUATOR
                            .prepare(FLAG, config)
                            .evaluate(Contexts.user("u")
                                    .with("country", "de")
                                    .with("age", 12)
                                    .build())
                            .value())
                    .isEqualTo(false);
            assertThat(EVALUATOR
                            .prepare(FLAG, config)
                            .evaluate(Contexts.user("u")
                                    .with("country", "us")
                                    .with("age", 30)
                                    .build())
                            .value())
                    .isEqualTo(false);
            assertThat(EVALUATOR
                            .prepare(FLAG, config)
                            .evaluate(Contexts.user("u").with("country", "de").build())
                            .value())
                    .isEqualTo(false);
        }
    }
}
