package dev.bunting.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.flag.Limits;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A context is bounded per string and in total, since evaluating it costs time in proportion to its text. */
class ContextLimitsTest {

    @Test
    void an_attribute_longer_than_allowed_is_refused_by_name() {
        FieldViolation violation = violation(Map.of("user_agent", "a".repeat(EvaluationContext.MAX_TEXT_LENGTH + 1)));

        assertThat(violation.field()).isEqualTo("context.user_agent");
        assertThat(violation.code()).isEqualTo("too_long");
        assertThat(violation.message()).contains(String.valueOf(EvaluationContext.MAX_TEXT_LENGTH));
    }

    @Test
    void a_string_in_a_list_longer_than_allowed_is_refused_by_the_lists_name() {
        FieldViolation violation =
                violation(Map.of("groups", List.of("admins", "g".repeat(EvaluationContext.MAX_TEXT_LENGTH + 1))));

        assertThat(violation.field()).isEqualTo("context.groups");
        assertThat(violation.code()).isEqualTo("too_long");
    }

    @Test
    void a_context_larger_in_all_than_allowed_is_refused_with_its_size() {
        List<Object> many = Collections.nCopies(EvaluationContext.MAX_TOTAL_LENGTH / 1000 + 1, "v".repeat(1000));

        FieldViolation violation = violation(Map.of("groups", many));

        assertThat(violation.field()).isEqualTo("context");
        assertThat(violation.code()).isEqualTo("too_large");
        assertThat(violation.message()).contains("at most " + EvaluationContext.MAX_TOTAL_LENGTH + " characters");
    }

    @Test
    void a_targeting_key_longer_than_allowed_is_refused() {
        InvalidInputException refused = catchThrowableOfType(
                InvalidInputException.class,
                () -> EvaluationContext.of("k".repeat(EvaluationContext.MAX_TEXT_LENGTH + 1)));

        assertThat(refused.violations().getFirst().field()).isEqualTo("context.targetingKey");
    }

    @Test
    void the_largest_context_within_the_limits_is_accepted() {
        Map<String, Object> largest = Limits.largestContext();

        assertThat(EvaluationContext.of("heavy-client", largest).attributes()).isEqualTo(largest);
    }

    private static FieldViolation violation(Map<String, Object> attributes) {
        InvalidInputException refused =
                catchThrowableOfType(InvalidInputException.class, () -> EvaluationContext.of("alice", attributes));
        assertThat(refused).as("refused").isNotNull();
        return refused.violations().getFirst();
    }
}
