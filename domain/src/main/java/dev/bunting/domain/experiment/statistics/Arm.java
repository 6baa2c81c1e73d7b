package dev.bunting.domain.experiment.statistics;

/**
 * One variant's statistic as the tests use it: gbstats' SampleMeanStatistic or ProportionStatistic when theta is 0,
 * its RegressionAdjustedStatistic (CUPED) otherwise. Theta is shared by both arms of a comparison.
 */
record Arm(
        long n,
        double postMean,
        double postVariance,
        double preMean,
        double preVariance,
        double covariance,
        double theta) {

    static Arm of(MetricType type, VariantSample sample, double theta) {
        SampleMoments post = sample.outcome();
        SampleMoments pre = sample.covariate().map(Covariate::preExposure).orElse(SampleMoments.EMPTY);
        double crossSum = sample.covariate().map(Covariate::crossSum).orElse(0.0);
        return new Arm(
                post.n(),
                post.mean(),
                type.variance(post),
                pre.mean(),
                type.variance(pre),
                type.covariance(post.n(), post.sum(), pre.sum(), crossSum),
                theta);
    }

    /**
     * CUPED's theta (Deng et al. 2013): the slope of the outcome on its pre-exposure covariate over the units of both
     * arms pooled, or 0 (no adjustment) without a covariate or when either period has no variance.
     */
    static double theta(MetricType type, VariantSample control, VariantSample treatment) {
        if (control.covariate().isEmpty() || treatment.covariate().isEmpty()) {
            return 0;
        }
        Covariate a = control.covariate().get();
        Covariate b = treatment.covariate().get();
        SampleMoments post = control.outcome().plus(treatment.outcome());
        SampleMoments pre = a.preExposure().plus(b.preExposure());
        double preVariance = type.variance(pre);
        if (preVariance == 0 || type.variance(post) == 0) {
            return 0;
        }
        return type.covariance(post.n(), post.sum(), pre.sum(), a.crossSum() + b.crossSum()) / preVariance;
    }

    /** The mean, adjusted by the covariate when theta is not 0. */
    double mean() {
        return postMean - theta * preMean;
    }

    /** The variance of a unit's (adjusted) value; 0 with one unit or none. */
    double variance() {
        if (n <= 1) {
            return 0;
        }
        return postVariance + theta * theta * preVariance - 2 * theta * covariance;
    }
}
