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
        void holdsWhenTheAttributeEqualsAnyListedValue() {
            Clause clause = attribute("country").in("de", "fr", "nl");
            assertThat(holds(clause, "country", "fr")).isTrue();
            assertThat(holds(clause, "country", "us")).isFalse();
        }

        @Test
        void comparesCaseSensitivelyUnlessIgnoreCaseIsSet() {
            Clause clause = attribute("country").in("DE");
            assertThat(holds(clause, "country", "de")).isFalse();
            assertThat(holds(clause.ignoringCase(), "country", "de")).isTrue();
            assertThat(holds(clause.ignoringCase(), "country", "De")).isTrue();
        }

        @Test
        void comparesNumbersByValueWhateverTheirJavaTypeOrScale() {
            Clause clause = attribute("plan_id").in(42, new BigDecimal("1.5"));
            assertThat(holds(clause, "plan_id", 42)).isTrue();
            assertThat(holds(clause, "plan_id", 42L)).isTrue();
            assertThat(holds(clause, "plan_id", 42.0d)).isTrue();
            assertThat(holds(clause, "plan_id", new BigDecimal("42.00"))).isTrue();
            assertThat(holds(clause, "plan_id", new BigDecimal("1.50"))).isTrue();
            assertThat(holds(clause, "plan_id", 43)).isFalse();
        }

        @Test
        void numericTextAndNumbersCompareByTheirCanonicalText() {
            assertThat(holds(attribute("plan_id").in(42), "plan_id", "42")).isTrue();
            assertThat(holds(attribute("plan_id").in("42"), "plan_id", 42)).isTrue();
            assertThat(holds(attribute("plan_id").in("42"), "plan_id", "042")).isFalse();
        }

        @Test
        void booleansCompareAsTheWordsTrueAndFalse() {
            assertThat(holds(attribute("beta").in(true), "beta", true)).isTrue();
            assertThat(holds(attribute("beta").in(true), "beta", false)).isFalse();
            assertThat(holds(attribute("beta").in("true"), "beta", true)).isTrue();
        }

        @Test
        void theTargetingKeyIsAddressableAsAnAttribute() {
            Clause clause = attribute(EvaluationContext.TARGETING_KEY).in("alice");
            assertThat(holds(clause, Contexts.user("alice").build())).isTrue();
            assertThat(holds(clause, Contexts.user("bob").build())).isFalse();
        }
    }

    @Nested
    class Eq {
        @Test
        void holdsOnlyForTheOneValue() {
            Clause clause = attribute("plan").eq("pro");
            assertThat(holds(clause, "plan", "pro")).isTrue();
            assertThat(holds(clause, "plan", "professional")).isFalse();
            assertThat(holds(clause.ignoringCase(), "plan", "PRO")).isTrue();
            assertThat(holds(clause, "plan", "PRO")).isFalse();
        }

        @Test
        void takesExactlyOneValue() {
            assertThatThrownBy(() -> attribute("plan").is(Operator.EQ, "a", "b"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().field()).isEqualTo("values"));
        }
    }

    @Nested
    class TextOperators {
        @Test
        void containsHoldsForASubstring() {
            Clause clause = attribute("email").contains("@example.");
            assertThat(holds(clause, "email", "alice@example.com")).isTrue();
            assertThat(holds(clause, "email", "alice@EXAMPLE.com")).isFalse();
            assertThat(holds(clause.ignoringCase(), "email", "alice@EXAMPLE.com"))
                    .isTrue();
            assertThat(holds(clause, "email", "alice@other.com")).isFalse();
        }

        @Test
        void startsWithHoldsForAPrefixOnly() {
            Clause clause = attribute("path").startsWith("/admin", "/ops");
            assertThat(holds(clause, "path", "/ops/queue")).isTrue();
            assertThat(holds(clause, "path", "/home/admin")).isFalse();
            assertThat(holds(clause, "path", "/ADMIN/users")).isFalse();
            assertThat(holds(clause.ignoringCase(), "path", "/ADMIN/users")).isTrue();
        }

        @Test
        void endsWithHoldsForASuffixOnly() {
            Clause clause = attribute("email").endsWith("@bunting.dev");
            assertThat(holds(clause, "email", "carol@bunting.dev")).isTrue();
            assertThat(holds(clause, "email", "carol@bunting.dev.evil.com")).isFalse();
            assertThat(holds(clause, "email", "carol@Bunting.DEV")).isFalse();
            assertThat(holds(clause.ignoringCase(), "email", "carol@Bunting.DEV"))
                    .isTrue();
        }

        @Test
        void textOperatorsNeverHoldForBooleanOrNumberAttributes() {
            assertThat(holds(attribute("beta").contains("true"), "beta", true)).isFalse();
            assertThat(holds(attribute("beta").startsWith("t"), "beta", true)).isFalse();
            assertThat(holds(attribute("id").endsWith("2"), "id", 42)).isFalse();
            assertThat(holds(attribute("id").contains("4"), "id", new BigDecimal("42")))
                    .isFalse();
        }

        @Test
        void textValuesMustBeStrings() {
            assertThatThrownBy(() -> attribute("id").is(Operator.CONTAINS, BigDecimal.ONE))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().field()).isEqualTo("values[0]"));
        }
    }

    @Nested
    class Matches {
        @Test
        void holdsWhenThePatternMatchesAnywhereInTheAttribute() {
            Clause clause = attribute("email").matches("@(example|bunting)\\.dev$");
            assertThat(holds(clause, "email", "dana@bunting.dev")).isTrue();
            assertThat(holds(clause, "email", "dana@bunting.dev.org")).isFalse();
            assertThat(holds(attribute("id").matches("b"), "id", "abc")).isTrue();
        }

        @Test
        void anchoredPatternsMatchTheWholeValueOnly() {
            Clause clause = attribute("id").matches("^user-[0-9]+$");
            assertThat(holds(clause, "id", "user-123")).isTrue();
            assertThat(holds(clause, "id", "xuser-123")).isFalse();
            assertThat(holds(clause, "id", "user-12a")).isFalse();
        }

        @Test
        void neverHoldsForNonTextAttributes() {
            assertThat(holds(attribute("id").matches("4"), "id", 42)).isFalse();
            assertThat(holds(attribute("beta").matches("true"), "beta", true)).isFalse();
        }
    }

    @Nested
    class NumericComparisons {
        @Test
        void gtAndGteDifferOnlyAtTheBound() {
            assertThat(holds(attribute("age").gt(18), "age", 18)).isFalse();
            assertThat(holds(attribute("age").gte(18), "age", 18)).isTrue();
            assertThat(holds(attribute("age").gt(18), "age", 19)).isTrue();
            assertThat(holds(attribute("age").gte(18), "age", 17)).isFalse();
        }

        @Test
        void ltAndLteDifferOnlyAtTheBound() {
            assertThat(holds(attribute("age").lt(18), "age", 18)).isFalse();
            assertThat(holds(attribute("age").lte(18), "age", 18)).isTrue();
            assertThat(holds(attribute("age").lt(18), "age", 17)).isTrue();
            assertThat(holds(attribute("age").lte(18), "age", 19)).isFalse();
        }

        @Test
        void comparesAnyNumericJavaTypeAndDecimals() {
            Clause clause = attribute("score").gt(new BigDecimal("2.5"));
            assertThat(holds(clause, "score", 3)).isTrue();
            assertThat(holds(clause, "score", 3L)).isTrue();
            assertThat(holds(clause, "score", 2.51d)).isTrue();
            assertThat(holds(clause, "score", new BigDecimal("2.50"))).isFalse();
            assertThat(holds(clause, "score", 2.49d)).isFalse();
        }

        @Test
        void numericStringsAreComparedAsNumbers() {
            Clause clause = attribute("age").gte(18);
            assertThat(holds(clause, "age", "18")).isTrue();
            assertThat(holds(clause, "age", "100")).isTrue(); // numerically, not "100" < "18" as text
            assertThat(holds(clause, "age", "9")).isFalse();
            assertThat(holds(clause, "age", "1.8e1")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "", "18 years", "NaN"})
        void nonNumericTextNeverMatches(String value) {
            assertThat(holds(attribute("age").gte(0), "age", value)).isFalse();
            assertThat(holds(attribute("age").lt(1000), "age", value)).isFalse();
        }

        @Test
        void booleansAndObjectsAreNotNumbers() {
            assertThat(holds(attribute("age").gte(0), "age", true)).isFalse();
            assertThat(holds(attribute("age").gte(0), "age", Map.of("years", 30)))
                    .isFalse();
        }

        @Test
        void anyOfSeveralBoundsIsEnough() {
            Clause clause = attribute("age").is(Operator.GT, 65, 10);
            assertThat(holds(clause, "age", 30)).isTrue();
            assertThat(holds(clause, "age", 5)).isFalse();
        }

        @Test
        void boundsMustBeNumbers() {
            assertThatThrownBy(() -> attribute("age").gt("18"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().code()).isEqualTo("invalid_value"));
        }
    }

    @Nested
    class SemverComparisons {
        @Test
        void semverEqComparesByPrecedenceNotText() {
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
        void partialVersionsInTheClauseFillMinorAndPatchWithZero() {
            Clause clause = attribute("app_version").semverGt("1.2");
            assertThat(holds(clause, "app_version", "1.2.1")).isTrue();
            assertThat(holds(clause, "app_version", "1.2.0")).isFalse();
            assertThat(holds(clause, "app_version", "v1.10")).isTrue(); // 1.10 > 1.2 numerically
        }

        @Test
        void semverGtAndLtRespectPreReleaseOrdering() {
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
        void aVersionThatDoesNotParseInTheContextMatchesNothing(String version) {
            assertThat(holds(attribute("v").semverEq("1.2.3"), "v", version)).isFalse();
            assertThat(holds(attribute("v").semverGt("0.0.1"), "v", version)).isFalse();
            assertThat(holds(attribute("v").semverLt("99.0.0"), "v", version)).isFalse();
        }

        @Test
        void aNumberIsNotAVersion() {
            assertThat(holds(attribute("v").semverEq("2"), "v", 2)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"latest", "1.2.3.4", "01.0.0", "1.0.0-"})
        void aVersionThatDoesNotParseInTheClauseIsRejectedWhenTheClauseIsBuilt(String version) {
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
        void beforeAndAfterCompareInstantsAcrossOffsets() {
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
        void theBoundItselfIsNeitherBeforeNorAfter() {
            assertThat(holds(attribute("t").before(LAUNCH), "t", "2026-03-01T01:00:00+01:00"))
                    .isFalse();
            assertThat(holds(attribute("t").after(LAUNCH), "t", "2026-03-01T01:00:00+01:00"))
                    .isFalse();
        }

        @Test
        void epochMillisecondsWorkInTheContextAndInTheClause() {
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
        void aDateThatDoesNotParseInTheContextMatchesNothing(String value) {
            assertThat(holds(attribute("t").before("2100-01-01T00:00:00Z"), "t", value))
                    .isFalse();
            assertThat(holds(attribute("t").after("1970-01-01T00:00:00Z"), "t", value))
                    .isFalse();
        }

        @Test
        void aBooleanIsNotAnInstant() {
            assertThat(holds(attribute("t").after("1970-01-01T00:00:00Z"), "t", true))
                    .isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2026-03-01", "2026-03-01T00:00:00"})
        void aDateThatDoesNotParseInTheClauseIsRejectedWhenTheClauseIsBuilt(String value) {
            assertThatThrownBy(() -> attribute("t").before(value))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().field()).isEqualTo("values[0]"));
        }

        @Test
        void fractionalEpochMillisecondsAreRejectedInTheClause() {
            assertThatThrownBy(() -> attribute("t").before(new BigDecimal("1.5")))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Nested
    class Exists {
        @Test
        void holdsWhenTheAttributeIsPresentWhateverItsValue() {
            Clause clause = attribute("company_id").exists();
            assertThat(holds(clause, "company_id", "acme")).isTrue();
            assertThat(holds(clause, "company_id", false)).isTrue();
            assertThat(holds(clause, "company_id", List.of())).isTrue();
            assertThat(holdsWithout(clause)).isFalse();
        }

        @Test
        void negatedHoldsOnlyWhenTheAttributeIsMissing() {
            Clause clause = attribute("company_id").exists().negated();
            assertThat(holdsWithout(clause)).isTrue();
            assertThat(holds(clause, "company_id", "acme")).isFalse();
        }

        @Test
        void theTargetingKeyExistsOnlyWhenTheContextHasOne() {
            Clause clause = attribute(EvaluationContext.TARGETING_KEY).exists();
            assertThat(holds(clause, Contexts.user("alice").build())).isTrue();
            assertThat(holds(clause, Contexts.anonymous().build())).isFalse();
        }

        @Test
        void takesNoValues() {
            assertThatThrownBy(() -> new Clause("a", Operator.EXISTS, List.of("x"), false, false))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations().getFirst().code()).isEqualTo("not_allowed"));
        }
    }

    @Nested
    class Negation {
        @Test
        void invertsAClauseOnAPresentAttribute() {
            Clause notEu = attribute("country").in("de", "fr").negated();
            assertThat(holds(notEu, "country", "us")).isTrue();
            assertThat(holds(notEu, "country", "de")).isFalse();
        }

        @Test
        void negatedTextAndNumericClausesInvertToo() {
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
        void aMissingAttributeNeverMatchesNegatedOrNot(Operator operator) {
            Clause clause = attribute("absent").is(operator, validValueFor(operator));
            assertThat(holdsWithout(clause)).as("%s", operator).isFalse();
            assertThat(holdsWithout(clause.negated())).as("not %s", operator).isFalse();
        }

        @Test
        void aNullTargetingKeyIsMissing() {
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
        void aListHoldsWhenAnyElementMatches() {
            Clause clause = attribute("groups").in("beta");
            assertThat(holds(clause, "groups", List.of("staff", "beta"))).isTrue();
            assertThat(holds(clause, "groups", List.of("staff", "admin"))).isFalse();
            assertThat(holds(clause, "groups", List.of())).isFalse();
        }

        @Test
        void everyOperatorAppliesElementWise() {
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
        void negationAppliesToTheWholeList() {
            Clause notBeta = attribute("groups").in("beta").negated();
            assertThat(holds(notBeta, "groups", List.of("staff", "admin"))).isTrue();
            assertThat(holds(notBeta, "groups", List.of("staff", "beta"))).isFalse();
        }

        @Test
        void nullElementsAreSkipped() {
            assertThat(holds(attribute("groups").in("beta"), "groups", Arrays.asList(null, "beta")))
                    .isTrue();
            assertThat(holds(attribute("groups").in("beta"), "groups", Arrays.asList((Object) null)))
                    .isFalse();
        }
    }

    @Nested
    class TypeMismatches {
        @Test
        void anObjectAttributeMatchesNoComparison() {
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
        void aBooleanAttributeIsNotText() {
            assertThat(holds(attribute("beta").contains("ru"), "beta", true)).isFalse();
            assertThat(holds(attribute("beta").endsWith("e"), "beta", true)).isFalse();
        }
    }

    @Nested
    class Conjunction {
        @Test
        void aRuleServesOnlyWhenEveryClauseHolds() {
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
