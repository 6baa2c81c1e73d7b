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
    void weightsThatDoNotSumTo10000AreRejected(int on, int off) {
        assertRejected(() -> Configs.split("on", on, "off", off), "weights", "invalid_sum");
    }

    @Test
    void weightsThatSumTo10000AreAccepted() {
        Split split = Configs.split("a", 3333, "b", 3333, "c", 3334);

        assertThat(split.weights()).extracting(Split.Weight::basisPoints).containsExactly(3333, 3333, 3334);
    }

    @Test
    void aSplitNeedsAWeight() {
        assertRejected(() -> new Split(List.of()), "weights", "required");
    }

    @Test
    void aVariantAppearsOnceInASplit() {
        assertRejected(() -> Configs.split("a", 5000, "a", 5000), "weights[1].variant", "duplicate");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_001})
    void aWeightIsBetween0And10000(int basisPoints) {
        assertRejected(() -> new Split.Weight(new VariantKey("a"), basisPoints), "weight", "out_of_range");
    }

    @Test
    void onlyAVariantWithAll10000IsSole() {
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
    void aBooleanRolloutGivesTruePercentageTimes100BasisPointsThenFalseTheRest(String percentage, int basisPoints) {
        Split split = Split.booleanRollout(new BigDecimal(percentage));

        assertThat(split.weights())
                .containsExactly(
                        new Split.Weight(VariantKey.TRUE, basisPoints),
                        new Split.Weight(VariantKey.FALSE, 10_000 - basisPoints));
    }

    @ParameterizedTest
    @ValueSource(strings = {"33.333", "0.001", "-1", "-0.01", "100.01", "101", "1E+3"})
    void aBooleanRolloutOutsideZeroToHundredOrFinerThanABasisPointIsRejected(String percentage) {
        assertRejected(() -> Split.booleanRollout(new BigDecimal(percentage)), "percentage", "invalid_value");
    }

    @Test
    void aBooleanRolloutNeedsAPercentage() {
        assertRejected(() -> Split.booleanRollout(null), "percentage", "invalid_value");
    }
}
