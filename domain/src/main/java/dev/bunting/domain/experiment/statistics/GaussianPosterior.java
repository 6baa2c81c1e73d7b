package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.port.ProbabilityDistributions;

/**
 * The Bayesian view of an effect under gbstats' default prior, a flat (improper) one: the posterior is normal with the
 * estimate's mean and standard error (gbstats' EffectBayesianABTest with {@code GaussianPrior(proper=False)}).
 */
final class GaussianPosterior {

    /** Beyond this many standard deviations from 0 the posterior's tail is 0 in double precision (gbstats' cut-off). */
    private static final double NEGLIGIBLE_TAIL = 37;

    private final ProbabilityDistributions distributions;

    GaussianPosterior(ProbabilityDistributions distributions) {
        this.distributions = distributions;
    }

    Effect.Bayesian posterior(EffectEstimate estimate, double alpha) {
        double mean = estimate.lift();
        double sd = estimate.standardError();
        double z = mean / sd;
        double halfWidth = distributions.normalUpperQuantile(alpha / 2) * sd;
        return new Effect.Bayesian(
                mean,
                new Interval(mean - halfWidth, mean + halfWidth),
                distributions.normalSurvival(-z),
                expectedLoss(mean, sd, z),
                sd);
    }

    /**
     * The losses E[max(effect, 0)] (of shipping control) and E[max(-effect, 0)] (of shipping treatment), in closed
     * form: gbstats gets the same from truncated-normal means.
     */
    private ExpectedLoss expectedLoss(double mean, double sd, double z) {
        if (Math.abs(z) > NEGLIGIBLE_TAIL) {
            return new ExpectedLoss(Math.max(mean, 0), Math.max(-mean, 0));
        }
        double density = sd * distributions.normalDensity(z);
        return new ExpectedLoss(
                mean * distributions.normalSurvival(-z) + density, density - mean * distributions.normalSurvival(z));
    }
}
