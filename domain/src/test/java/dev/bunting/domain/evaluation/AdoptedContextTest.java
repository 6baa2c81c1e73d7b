package dev.bunting.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A context that adopts its caller's map reads it in place, and is otherwise the context a copy would make. */
class AdoptedContextTest {

    @Test
    void an_adopted_context_equals_the_copied_one_and_reads_the_same_values() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("country", "FR");
        attributes.put("age", new BigDecimal("42"));
        attributes.put("nickname", null);

        EvaluationContext adopted = EvaluationContext.adopting("alice", attributes);
        EvaluationContext copied = EvaluationContext.of("alice", attributes);

        assertThat(adopted).isEqualTo(copied).hasSameHashCodeAs(copied);
        assertThat(adopted.value("country")).isEqualTo("FR");
        assertThat(adopted.value("age")).isEqualTo(new BigDecimal("42"));
        assertThat(adopted.value(EvaluationContext.TARGETING_KEY)).isEqualTo("alice");
        assertThat(adopted.attributes()).containsKey("nickname").hasSize(3);
    }

    @Test
    void an_adopted_context_cannot_be_changed_through_its_attributes() {
        Map<String, Object> attributes = new HashMap<>(Map.of("country", "FR"));

        EvaluationContext adopted = EvaluationContext.adopting("alice", attributes);

        assertThatThrownBy(() -> adopted.attributes().put("country", "DE"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> adopted.attributes().entrySet().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_adopted_context_is_held_to_the_same_limits() {
        Map<String, Object> attributes =
                new HashMap<>(Map.of("user_agent", "a".repeat(EvaluationContext.MAX_TEXT_LENGTH + 1)));

        assertThatThrownBy(() -> EvaluationContext.adopting("alice", attributes))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(String.valueOf(EvaluationContext.MAX_TEXT_LENGTH));
    }
}
