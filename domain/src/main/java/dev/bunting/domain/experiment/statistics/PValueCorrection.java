package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.InvalidInputException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Adjusts a family of p-values (several variants, several metrics) for multiple comparisons, as GrowthBook does
 * (packages/shared/src/experiments/experiments.ts, adjustPValuesHolmBonferroni and adjustPValuesBenjaminiHochberg).
 */
public enum PValueCorrection {
    /** Controls the family-wise error rate: the i-th smallest of m is multiplied by (m - i), kept non-decreasing. */
    HOLM_BONFERRONI {
        @Override
        double[] adjustSorted(double[] ascending) {
            int m = ascending.length;
            double[] adjusted = new double[m];
            double running = 0;
            for (int i = 0; i < m; i++) {
                running = Math.max(running, Math.min(ascending[i] * (m - i), 1));
                adjusted[i] = running;
            }
            return adjusted;
        }
    },
    /** Controls the false discovery rate: the i-th smallest of m is multiplied by m / i, kept non-decreasing. */
    BENJAMINI_HOCHBERG {
        @Override
        double[] adjustSorted(double[] ascending) {
            int m = ascending.length;
            double[] adjusted = new double[m];
            double running = 1;
            for (int i = m - 1; i >= 0; i--) {
                running = Math.min(running, Math.min(ascending[i] * m / (i + 1), 1));
                adjusted[i] = running;
            }
            return adjusted;
        }
    };

    abstract double[] adjustSorted(double[] ascending);

    /** The adjusted p-values, in the order the p-values were given. */
    public List<Double> adjust(List<Double> pValues) {
        for (int i = 0; i < pValues.size(); i++) {
            Double p = pValues.get(i);
            if (p == null || !(p >= 0 && p <= 1)) {
                throw InvalidInputException.of(
                        "p_values[" + i + "]", "invalid", "a p-value must be a number from 0 to 1");
            }
        }
        Integer[] order = IntStream.range(0, pValues.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(pValues::get));
        double[] sorted = Arrays.stream(order).mapToDouble(pValues::get).toArray();
        double[] adjusted = adjustSorted(sorted);
        Double[] inGivenOrder = new Double[pValues.size()];
        for (int i = 0; i < order.length; i++) {
            inGivenOrder[order[i]] = adjusted[i];
        }
        return List.of(inGivenOrder);
    }
}
