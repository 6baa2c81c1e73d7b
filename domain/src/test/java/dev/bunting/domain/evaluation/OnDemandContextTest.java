package dev.bunting.domain.evaluation;

import static dev.bunting.domain.Clauses.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.Rules;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A context whose attributes are read on demand looks up only what the flag reads, once each, and answers as a context
 * holding the same attributes would; the limits on a context apply to what it reads.
 */
class OnDemandContextTest {

    private static final String TOO_LONG = "a".repeat(EvaluationContext.MAX_TEXT_LENGTH + 1);

    private final Flag flag = Flags.aBooleanFlag("new-checkout").build();
    private final FlagConfig config = Configs.on()
            .withRule(Rules.rule("enterprise-in-de")
                    .when(attribute("country").in("DE"))
                    .when(attribute("plan").eq("enterprise"))
                    .serve("true"))
            .withRule(Rules.rule("de-staff")
                    .when(attribute("country").in("DE"))
                    .when(attribute("email").endsWith("@bunting.dev"))
                    .serve("true"))
            .withRule(Rules.rule("seniors").when(attribute("age").gte(65)).serve("true"))
            .fallthrough("false")
            .build();
    private final PreparedFlag prepared = Evaluators.standard().prepare(flag, config);

    @Test
    void only_the_attributes_the_flag_reads_are_looked_up_and_each_once() {
        Map<String, Object> attributes = Map.of(
                "country", "DE", "plan", "free", "email", "x@example.com", "age", new BigDecimal(30), "unread", "x");
        List<String> lookedUp = new ArrayList<>();

        Evaluation evaluation = prepared.evaluate(onDemand("alice", attributes, lookedUp));

        assertThat(evaluation.value()).isEqualTo(false);
        assertThat(lookedUp).containsExactly("country", "plan", "email", "age");
    }

    @Test
    void it_answers_as_a_context_holding_the_same_attributes() {
        List<Map<String, Object>> contexts = List.of(
                Map.of("country", "DE", "plan", "enterprise"),
                Map.of("country", "DE", "email", "ops@bunting.dev"),
                Map.of("country", "FR", "age", new BigDecimal(70)),
                Map.of("age", "seventy"),
                Map.of());

        for (Map<String, Object> attributes : contexts) {
            Evaluation held = prepared.evaluate(EvaluationContext.of("alice", attributes));
            Evaluation read = prepared.evaluate(onDemand("alice", attributes, new ArrayList<>()));

            assertThat(read).as(attributes.toString()).isEqualTo(held);
        }
    }

    @Test
    void an_attribute_read_that_is_longer_than_allowed_is_invalid_context() {
        Evaluation evaluation = prepared.evaluate(onDemand("alice", Map.of("country", TOO_LONG), new ArrayList<>()));

        assertThat(evaluation.errorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
        assertThat(evaluation.errorMessage()).contains(String.valueOf(EvaluationContext.MAX_TEXT_LENGTH));
    }

    @Test
    void an_attribute_longer_than_allowed_that_no_clause_reads_is_never_checked() {
        Evaluation evaluation = prepared.evaluate(
                onDemand("alice", Map.of("country", "DE", "plan", "enterprise", "notes", TOO_LONG), new ArrayList<>()));

        assertThat(evaluation.isError()).isFalse();
        assertThat(evaluation.value()).isEqualTo(true);
    }

    @Test
    void attributes_read_that_hold_more_than_a_whole_context_may_are_invalid_context() {
        List<Object> many = Collections.nCopies(EvaluationContext.MAX_TOTAL_LENGTH / 1000 + 1, "v".repeat(1000));

        Evaluation evaluation = prepared.evaluate(onDemand("alice", Map.of("country", many), new ArrayList<>()));

        assertThat(evaluation.errorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
        assertThat(evaluation.errorMessage()).contains("at most " + EvaluationContext.MAX_TOTAL_LENGTH);
    }

    @Test
    void an_attribute_read_twice_counts_once_towards_the_whole_context() {
        // 20 strings of 1,000 characters are within the limit once, and over it twice
        List<Object> tags = Collections.nCopies(20, "v".repeat(1000));
        Map<String, Object> attributes = EvaluationContext.attributesOnDemand(Map.of("tags", tags)::get);

        attributes.get("tags");
        attributes.get("tags");

        assertThat(attributes).containsOnlyKeys("tags");
    }

    @Test
    void the_limits_on_what_is_read_are_those_of_a_whole_context() {
        Map<String, Object> attributes = EvaluationContext.attributesOnDemand(Map.of("user_agent", TOO_LONG)::get);

        InvalidInputException refused =
                catchThrowableOfType(InvalidInputException.class, () -> attributes.get("user_agent"));

        assertThat(refused.violations().getFirst().field()).isEqualTo("context.user_agent");
        assertThat(refused.violations().getFirst().code()).isEqualTo("too_long");
        assertThat(attributes.get("absent")).isNull();
    }

    @Test
    void a_targeting_key_longer_than_allowed_is_refused_up_front() {
        InvalidInputException refused = catchThrowableOfType(
                InvalidInputException.class,
                () -> EvaluationContext.adopting(TOO_LONG, EvaluationContext.attributesOnDemand(name -> null)));

        assertThat(refused.violations().getFirst().field()).isEqualTo("context.targetingKey");
    }

    private static EvaluationContext onDemand(
            String targetingKey, Map<String, Object> attributes, List<String> lookedUp) {
        Map<String, Object> held = new HashMap<>(attributes);
        Function<String, Object> lookup = name -> {
            lookedUp.add(name);
            return held.get(name);
        };
        return EvaluationContext.adopting(targetingKey, EvaluationContext.attributesOnDemand(lookup));
    }
}
