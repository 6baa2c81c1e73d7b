package dev.bunting.domain.port;

/**
 * The probability distributions the experiment statistics engine needs, supplied from outside so the domain stays free
 * of libraries while the numerics come from a well-kept one. Upper tails are asked for directly (survival functions and
 * inverse survival functions), so that a p-value of 1e-20 comes back as 1e-20 and not as {@code 1 - 1 = 0}.
 */
public interface ProbabilityDistributions {

    /** P(Z > x) for a standard normal Z. */
    double normalSurvival(double x);

    /** The standard normal density at x. */
    double normalDensity(double x);

    /** The x with P(Z > x) = p for a standard normal Z; p in (0, 1). */
    double normalUpperQuantile(double p);

    /** P(T > x) for Student's t with the given (possibly fractional, as Welch's test needs) degrees of freedom. */
    double studentTSurvival(double x, double degreesOfFreedom);

    /** The x with P(T > x) = p for Student's t; p in (0, 1). */
    double studentTUpperQuantile(double p, double degreesOfFreedom);

    /** P(X > x) for a chi-squared X with the given degrees of freedom. */
    double chiSquaredSurvival(double x, double degreesOfFreedom);
}
