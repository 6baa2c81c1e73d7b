package dev.bunting.domain;

import dev.bunting.domain.port.ProbabilityDistributions;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Test fixture: the distributions the statistics engine is wired with in production (Apache Commons Statistics; the
 * adapter module cannot be a dependency of the domain's tests), checked by the same contract suite as the adapter.
 */
public final class Distributions implements ProbabilityDistributions {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    @Override
    public double normalSurvival(double x) {
        return STANDARD_NORMAL.survivalProbability(x);
    }

    @Override
    public double normalDensity(double x) {
        return STANDARD_NORMAL.density(x);
    }

    @Override
    public double normalUpperQuantile(double p) {
        return STANDARD_NORMAL.inverseSurvivalProbability(p);
    }

    @Override
    public double studentTSurvival(double x, double degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).survivalProbability(x);
    }

    @Override
    public double studentTUpperQuantile(double p, double degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).inverseSurvivalProbability(p);
    }

    @Override
    public double chiSquaredSurvival(double x, double degreesOfFreedom) {
        return ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(x);
    }
}
