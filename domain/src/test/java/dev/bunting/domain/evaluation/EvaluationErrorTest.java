package dev.bunting.domain.evaluation;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Contexts;
import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.Rules;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ErrorCode}. As in OpenFeature (flag evaluation, "Error handling"): evaluation never throws; on error it
 * returns reason ERROR, an error code, and no value or variant, so the caller's default applies.
 */
class EvaluationErrorTest {

    private final Evaluator evaluator = Evaluators.standard();
    private final Flag flag = Flags.aBooleanFlag("new-checkout").build();
    private final EvaluationContext alice =
            Contexts.user("alice").with("email", "alice@example.com").build();

    private static void assertIsError(Evaluation evaluation, ErrorCode code) {
        assertThat(evaluation.reason()).isEqualTo(Reason.ERROR);
        assertThat(evaluation.isError()).isTrue();
        assertThat(evaluation.errorCode()).isEqualTo(code);
        assertThat(evaluation.errorMessage()).isNotBlank();
        assertThat(evaluation.value()).isNull();
        assertThat(evaluation.variant()).isNull();
        assertThat(evaluation.ruleId()).isNull();
    }

    @Test
    void an_unknown_flag_is_flag_not_found_with_no_kind() {
        Evaluation evaluation = Evaluation.flagNotFound("no-such-flag");

        assertIsError(evaluation, ErrorCode.FLAG_NOT_FOUND);
        assertThat(evaluation.flagKey()).isEqualTo("no-such-flag");
        assertThat(evaluation.kind()).isNull();
        assertThat(evaluation.errorMessage()).contains("no-such-flag");
    }

    @Test
    void a_split_without_a_targeting_key_is_targeting_key_missing() {
        FlagConfig config =
                Configs.on().fallthroughSplit("true", 5000, "false", 5000).build();

        assertIsError(
                evaluator.prepare(flag, config).evaluate(Contexts.anonymous().build()),
                ErrorCode.TARGETING_KEY_MISSING);
    }

    @Test
    void asking_for_another_kind_than_the_flag_serves_is_type_mismatch() {
        PreparedFlag prepared = evaluator.prepare(flag, Configs.on().build());

        Evaluation evaluation = prepared.evaluate(alice, FlagKind.STRING);

        assertIsError(evaluation, ErrorCode.TYPE_MISMATCH);
        assertThat(evaluation.kind()).isEqualTo(FlagKind.BOOLEAN);
        assertThat(evaluation.errorMessage()).contains("boolean").contains("string");
    }

    @Test
    void asking_for_the_kind_the_flag_serves_evaluates_normally() {
        PreparedFlag prepared = evaluator.prepare(flag, Configs.on().build());

        Evaluation evaluation = prepared.evaluate(alice, FlagKind.BOOLEAN);

        assertThat(evaluation.isError()).isFalse();
        assertThat(evaluation.value()).isEqualTo(true);
    }

    @Test
    void a_type_mismatch_is_reported_even_when_the_flag_is_off() {
        PreparedFlag prepared = evaluator.prepare(flag, Configs.off().build());

        assertIsError(prepared.evaluate(alice, FlagKind.NUMBER), ErrorCode.TYPE_MISMATCH);
    }

    @Test
    void a_matches_clause_with_an_invalid_regex_is_a_parse_error_for_every_context() {
        FlagConfig config = Configs.on()
                .withRule(Rules.rule("fine")
                        .when(attribute("email").endsWith("@bunting.dev"))
                        .serve("true"))
                .withRule(Rules.rule("broken")
                        .when(attribute("country").in("de"))
                        .when(attribute("email").matches("ok", "([unclosed"))
                        .serve("true"))
                .fallthrough("false")
                .build();

        assertIsError(evaluator.prepare(flag, config).evaluate(alice), ErrorCode.PARSE_ERROR);
        assertIsError(
                evaluator.prepare(flag, config).evaluate(Contexts.anonymous().build()), ErrorCode.PARSE_ERROR);
    }

    @Test
    void compile_problems_name_the_clause_with_the_invalid_regex() {
        FlagConfig config = Configs.on()
                .withRule(Rules.rule("fine")
                        .when(attribute("email").endsWith("@bunting.dev"))
                        .serve("true"))
                .withRule(Rules.rule("broken")
                        .when(attribute("country").in("de"))
                        .when(attribute("email").matches("ok", "([unclosed"))
                        .serve("true"))
                .fallthrough("false")
                .build();

        assertThat(evaluator.compileProblems(flag, config))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rules[1].clauses[1].values", "invalid_pattern"));
    }

    @Test
    void a_config_whose_regexes_compile_has_no_compile_problems() {
        FlagConfig config = Configs.on()
                .withRule(Rules.rule("staff")
                        .when(attribute("email").matches("@bunting\\.dev$"))
                        .serve("true"))
                .build();

        assertThat(evaluator.compileProblems(flag, config)).isEmpty();
        assertThat(evaluator
                        .prepare(flag, config)
                        .evaluate(Contexts.user("u")
                                .with("email", "x@bunting.dev")
                                .build())
                        .isError())
                .isFalse();
    }

    @Test
    void an_object_where_the_unit_should_be_is_invalid_context() {
        FlagConfig config =
                Configs.on().fallthroughSplit("true", 5000, "false", 5000).build();
        Flag byCompany = Flags.aBooleanFlag("new-checkout").bucketBy("company").build();

        Evaluation evaluation = evaluator
                .prepare(byCompany, config)
                .evaluate(
                        Contexts.user("alice").with("company", Map.of("id", 7)).build());

        assertIsError(evaluation, ErrorCode.INVALID_CONTEXT);
    }

    @Specification(
            spec = Spec.OPENFEATURE,
            clause = "2.2.7",
            text =
                    "In cases of abnormal execution, the `provider` **MUST** indicate an error using the idioms of the implementation language, with an associated `error code` and optional associated `error message`.")
    @Test
    void a_regex_engine_that_fails_at_evaluation_time_is_a_general_error_not_an_exception() {
        RegexEngine failing = pattern -> input -> {
            throw new IllegalStateException("regex engine blew up");
        };
        Evaluator fragile = Evaluators.withRegexEngine(failing);
        FlagConfig config = Configs.on()
                .withRule(Rules.rule("staff")
                        .when(attribute("email").matches("x"))
                        .serve("true"))
                .build();

        assertThat(fragile.compileProblems(flag, config)).isEmpty();
        assertThatCode(() -> fragile.prepare(flag, config).evaluate(alice)).doesNotThrowAnyException();
        Evaluation evaluation = fragile.prepare(flag, config).evaluate(alice);
        assertIsError(evaluation, ErrorCode.GENERAL);
        assertThat(evaluation.errorMessage()).doesNotContain("blew up");
    }

    @Test
    void a_general_error_only_hits_contexts_that_reach_the_failing_clause() {
        RegexEngine failing = pattern -> input -> {
            throw new IllegalStateException("regex engine blew up");
        };
        FlagConfig config = Configs.on()
                .withTarget("false", "bob")
                .withRule(Rules.rule("staff")
                        .when(attribute("email").matches("x"))
                        .serve("true"))
                .build();

        Evaluation bob = Evaluators.withRegexEngine(failing)
                .prepare(flag, config)
                .evaluate(Contexts.user("bob").with("email", "bob@x").build());

        assertThat(bob.isError()).isFalse();
        assertThat(bob.value()).isEqualTo(false);
    }

    @Test
    void every_error_code_is_covered_here() {
        // keeps this class honest when a code is added: each code below has a test above
        Set<ErrorCode> covered = EnumSet.of(
                ErrorCode.FLAG_NOT_FOUND,
                ErrorCode.TARGETING_KEY_MISSING,
                ErrorCode.TYPE_MISMATCH,
                ErrorCode.PARSE_ERROR,
                ErrorCode.INVALID_CONTEXT,
                ErrorCode.GENERAL);

        assertThat(covered).containsExactlyInAnyOrder(ErrorCode.values());
    }
}
