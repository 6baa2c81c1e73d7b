package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.InvalidInputException;

/**
 * For CUPED: the same metric measured on the same units before they were exposed, and the sum over units of the
 * product of the pre-exposure and post-exposure values (the cross term the covariance needs).
 */
public record Covariate(SampleMoments preExposure, double crossSum) {

    public Covariate {
        if (preExposure == null) {
            throw InvalidInputException.of("pre_exposure", "required", "pre_exposure is required");
        }
        if (!Double.isFinite(crossSum)) {
            throw InvalidInputException.of("cross_sum", "not_finite", "cross_sum must be a finite number");
        }
    }

    public Covariate plus(Covariate other) {
        return new Covariate(preExposure.plus(other.preExposure), crossSum + other.crossSum);
    }
}
