package dev.bunting.domain.experiment.statistics;

/** How a metric's values are distributed, which decides how its variance is estimated from its moments. */
public enum MetricType {
    /** Each unit converted (1) or not (0); the variance is p(1 - p), as gbstats' ProportionStatistic has it. */
    BINOMIAL {
        @Override
        double variance(SampleMoments m) {
            double p = m.mean();
            return p * (1 - p);
        }

        @Override
        double covariance(long n, double sumX, double sumY, double crossSum) {
            return n <= 1 ? 0 : crossSum / n - sumX * sumY / ((double) n * n);
        }
    },
    /** Any real value per unit; the unbiased sample variance, as gbstats' SampleMeanStatistic has it. */
    MEAN {
        @Override
        double variance(SampleMoments m) {
            if (m.n() <= 1) {
                return 0;
            }
            return (m.sumSquares() - m.sum() * m.sum() / m.n()) / (m.n() - 1);
        }

        @Override
        double covariance(long n, double sumX, double sumY, double crossSum) {
            return n <= 1 ? 0 : (crossSum - sumX * sumY / n) / (n - 1);
        }
    };

    abstract double variance(SampleMoments m);

    /** The covariance of two measures of the same n units, from their sums and the sum of their products. */
    abstract double covariance(long n, double sumX, double sumY, double crossSum);
}
