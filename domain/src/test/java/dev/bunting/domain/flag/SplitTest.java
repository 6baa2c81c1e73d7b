package dev.bunting.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.Configs;
import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** spec/bucketing.md § "A split": weights are basis points (0..10000) that sum to exactly 10000. */
class SplitTest {

    private static void assertRejected(Runnable construction, String field, String code) {
        assertThatThrownBy(construction::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.violations().getFirst().field()).isEqualTo(field);
            assertThat(e.violations().getFirst().code()).isEqualTo(code);
        });
    }

    @ParameterizedTest
    @CsvSource({"3000, 6999", "3000, 7001", "0, 0", "5000, 4000"})
    void weights_that_do_not_sum_to10000_are_rejected(int on, int off) {
        assertRejected(() -> Configs.split("on", on, "off", off), "weights", "invalid_sum");
    }

    @Test
    void weights_that_sum_to10000_are_accepted() {
        Split split = Configs.split("a", 3333, "b", 3333, "c", 3334);

        assertThat(split.weights()).extracting(Split.Weight::basisPoints).containsExactly(3333, 3333, 3334);
    }

    @Test
    void a_split_needs_a_weight() {
        assertRejected(() -> new Split(List.of()), "weights", "required");
    }

    @Test
    void a_variant_appears_once_in_a_split() {
        assertRejected(() -> Configs.split("a", 5000, "a", 5000), "weights[1].variant", "duplicate");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_001})
    void a_weight_is_between0_and10000(int basisPoints) {
        assertRejected(() -> new Split.Weight(new VariantKey("a"), basisPoints), "weight", "out_of_range");
    }

    @Test
    void only_a_variant_with_all10000_is_sole() {
        assertThat(Configs.split("a", 0, "b", 10000).soleVariant()).isEqualTo(new VariantKey("b"));
        assertThat(Configs.split("a", 1, "b", 9999).soleVariant()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "30, 3000",
        "33.33, 3333",
        "0, 0",
        "100, 10000",
        "0.01, 1",
        "99.99, 9999",
        "30.50, 3050",
        "30.500, 3050",
        "12.5, 1250"
    })
    void a_boolean_rollout_gives_true_percentage_times100_basis_points_then_false_the_rest(
            String percentage, int basisPoints) {
        Split split = Split.booleanRollout(new BigDecimal(percentage));

        assertThat(split.weights())
                .containsExactly(
                        new Split.Weight(VariantKey.TRUE, basisPoints),
                        new Split.Weight(VariantKey.FALSE, 10_000 - basisPoints));
    }

    @ParameterizedTest
    @ValueSource(strings = {"33.333", "0.001", "-1", "-0.01", "100.01", "101", "1E+3"})
    void a_boolean_rollout_outside_zero_to_hundred_or_finer_than_a_basis_point_is_rejected(String percentage) {
        assertRejected(() -> Split.booleanRollout(new BigDecimal(percentage)), "percentage", "invalid_value");
    }

    @Test
    void a_boolean_rollout_needs_a_percentage() {
        assertRejected(() -> Split.booleanRollout(null), "percentage", "invalid_value");
    }
}
