package dev.bunting.domain.experiment.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bunting.domain.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GrowthBook's p-value correction vectors ({@code packages/shared/test/experiments.test.ts}, "pvalue correction
 * method" and "pvalue correction on results", growthbook/growthbook at 8f1db445), read back in the order given.
 */
class PValueCorrectionTest {

    @Test
    void holm_bonferroni_matches_growth_books_hb_procedure_vector() {
        var adjusted = PValueCorrection.HOLM_BONFERRONI.adjust(List.of(0.01, 0.04, 0.03, 0.005, 0.55, 0.6));

        assertClose(adjusted, List.of(0.05, 0.12, 0.12, 0.03, 1.0, 1.0));
    }

    @Test
    void benjamini_hochberg_matches_growth_books_bh_procedure_vector() {
        var adjusted =
                PValueCorrection.BENJAMINI_HOCHBERG.adjust(List.of(0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138));

        assertClose(adjusted, List.of(0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415));
    }

    @Test
    void two_metrics_adjusted_as_growth_books_results_vector_does() {
        assertClose(PValueCorrection.HOLM_BONFERRONI.adjust(List.of(0.025, 0.03)), List.of(0.05, 0.05));
        assertClose(PValueCorrection.BENJAMINI_HOCHBERG.adjust(List.of(0.025, 0.03)), List.of(0.03, 0.03));
    }

    @Test
    void a_value_that_is_not_a_probability_is_refused() {
        assertThatThrownBy(() -> PValueCorrection.HOLM_BONFERRONI.adjust(List.of(0.2, 1.5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from 0 to 1");
    }

    private static void assertClose(List<Double> actual, List<Double> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("p-value %d", i).isCloseTo(expected.get(i), within(1e-8));
        }
    }
}
