package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.InvalidInputException;

/**
 * The sufficient statistics of one metric over a set of units: how many units, the sum of their values and the sum of
 * their squared values. Moments of disjoint sets of units add up, so daily rollups sum to the whole phase.
 */
public record SampleMoments(long n, double sum, double sumSquares) {

    public static final SampleMoments EMPTY = new SampleMoments(0, 0, 0);

    public SampleMoments {
        if (n < 0) {
            throw InvalidInputException.of("n", "negative", "n must be zero or more");
        }
        if (!Double.isFinite(sum)) {
            throw InvalidInputException.of("sum", "not_finite", "sum must be a finite number");
        }
        if (!Double.isFinite(sumSquares) || sumSquares < 0) {
            throw InvalidInputException.of(
                    "sum_squares", "invalid", "sum_squares must be a finite number, zero or more");
        }
    }

    /** The moments of a binomial metric, whose values are 0 or 1: each square equals its value. */
    public static SampleMoments ofConversions(long n, double conversions) {
        return new SampleMoments(n, conversions, Math.max(conversions, 0));
    }

    public SampleMoments plus(SampleMoments other) {
        return new SampleMoments(n + other.n, sum + other.sum, sumSquares + other.sumSquares);
    }

    double mean() {
        return n == 0 ? 0 : sum / n;
    }
}
