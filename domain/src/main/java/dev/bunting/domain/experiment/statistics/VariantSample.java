package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.flag.VariantKey;
import java.util.Optional;

/**
 * What the engine knows of one variant for one metric: the outcome's moments over the exposed units and, when the
 * metric was also measured before exposure, the CUPED covariate over the same units. This is the shape a daily rollup
 * keeps per (experiment, phase, variant, metric, day); {@link #plus} adds two days up.
 */
public record VariantSample(VariantKey key, SampleMoments outcome, Optional<Covariate> covariate) {

    public VariantSample {
        if (key == null || outcome == null || covariate == null) {
            throw InvalidInputException.of("variants", "required", "a variant needs a key and its sums");
        }
        if (covariate.isPresent() && covariate.get().preExposure().n() != outcome.n()) {
            throw InvalidInputException.of(
                    "covariate", "unit_mismatch", "the covariate must cover the same units as the outcome");
        }
    }

    public static VariantSample of(VariantKey key, SampleMoments outcome) {
        return new VariantSample(key, outcome, Optional.empty());
    }

    public static VariantSample of(VariantKey key, SampleMoments outcome, Covariate covariate) {
        return new VariantSample(key, outcome, Optional.of(covariate));
    }

    /** The sample over both sets of units; both must be of the same variant and agree on having a covariate. */
    public VariantSample plus(VariantSample other) {
        if (!key.equals(other.key) || covariate.isPresent() != other.covariate.isPresent()) {
            throw new IllegalArgumentException("only rollups of one variant, with or without a covariate, add up");
        }
        return new VariantSample(
                key, outcome.plus(other.outcome), covariate.flatMap(c -> other.covariate.map(c::plus)));
    }
}
