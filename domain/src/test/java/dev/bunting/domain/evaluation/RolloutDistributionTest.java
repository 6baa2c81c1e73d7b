package dev.bunting.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.Configs;
import dev.bunting.domain.Contexts;
import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.Split;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** spec/bucketing.md § "A split": percentages are honoured across many units, and rollouts are monotonic. */
class RolloutDistributionTest {

    private static final int UNITS = 100_000;

    private final Evaluator evaluator = Evaluators.standard();
    private final Flag flag = Flags.aBooleanFlag("new-checkout").build();

    private PreparedFlag rollout(String percentage) {
        FlagConfig config = Configs.on()
                .fallthroughSplit(Split.booleanRollout(new BigDecimal(percentage)))
                .build();
        return evaluator.prepare(flag, config);
    }

    private static boolean isOn(PreparedFlag prepared, String unit) {
        Evaluation evaluation = prepared.evaluate(Contexts.user(unit).build());
        assertThat(evaluation.reason()).isEqualTo(Reason.SPLIT);
        return (Boolean) evaluation.value();
    }

    @Test
    void a_thirty_percent_rollout_reaches_thirty_percent_of_units_within_half_a_point() {
        PreparedFlag thirty = rollout("30");

        int on = 0;
        for (int i = 0; i < UNITS; i++) {
            if (isOn(thirty, "user-" + i)) {
                on++;
            }
        }

        double percent = 100.0 * on / UNITS;
        assertThat(percent).isBetween(29.5, 30.5);
    }

    @Test
    void raising_a_rollout_from_thirty_to_fifty_percent_keeps_everyone_who_was_in() {
        PreparedFlag thirty = rollout("30");
        PreparedFlag fifty = rollout("50");

        int inAtThirty = 0;
        int inAtFifty = 0;
        for (int i = 0; i < UNITS; i++) {
            String unit = "user-" + i;
            boolean wasIn = isOn(thirty, unit);
            boolean isIn = isOn(fifty, unit);
            if (wasIn) {
                inAtThirty++;
                assertThat(isIn)
                        .as("%s was in at 30 %% and must stay in at 50 %%", unit)
                        .isTrue();
            }
            if (isIn) {
                inAtFifty++;
            }
        }

        // the test would be vacuous if nobody were in, or if 50 % added nobody
        assertThat(inAtThirty).isGreaterThan(UNITS / 4);
        assertThat(inAtFifty).isGreaterThan(inAtThirty + UNITS / 10);
    }

    @Test
    void zero_and_hundred_percent_serve_everyone_the_same() {
        PreparedFlag none = rollout("0");
        PreparedFlag all = rollout("100");

        for (int i = 0; i < 1000; i++) {
            assertThat(isOn(none, "user-" + i)).isFalse();
            assertThat(isOn(all, "user-" + i)).isTrue();
        }
    }

    @Test
    void changing_the_salt_reshuffles_units() {
        FlagConfig config = Configs.on()
                .fallthroughSplit(Split.booleanRollout(new BigDecimal("50")))
                .build();
        PreparedFlag original = evaluator.prepare(flag, config);
        PreparedFlag resalted = evaluator.prepare(
                Flags.aBooleanFlag("new-checkout").salt("new-checkout-v2").build(), config);

        int changed = 0;
        for (int i = 0; i < 10_000; i++) {
            if (isOn(original, "user-" + i) != isOn(resalted, "user-" + i)) {
                changed++;
            }
        }

        // independent 50 % coin flips disagree about half the time
        assertThat(changed).isBetween(4_500, 5_500);
    }
}
