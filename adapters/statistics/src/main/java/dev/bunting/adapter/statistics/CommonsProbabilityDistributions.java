package dev.bunting.adapter.statistics;

import dev.bunting.domain.port.ProbabilityDistributions;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Apache Commons Statistics behind {@link ProbabilityDistributions}. Its survival functions are computed directly, not
 * as one minus the distribution function, so p-values far in the tail keep their digits. The t and chi-squared
 * distributions are built per call: their degrees of freedom differ with every comparison, and building one is cheap.
 */
public final class CommonsProbabilityDistributions implements ProbabilityDistributions {

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
