package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A weighted split over variants (spec/bucketing.md). Weights are basis points that sum to exactly {@link #TOTAL}; the
 * variant served is the first whose cumulative weight exceeds the unit's bucket, so raising a leading weight only adds units.
 */
public record Split(List<Weight> weights) {

    public static final int TOTAL = 10_000;

    public Split {
        weights = List.copyOf(Checks.requireEntries("weights", weights));
        if (weights.isEmpty()) {
            throw InvalidInputException.of("weights", "required", "a split needs at least one weighted variant");
        }
        Checks.requireMaxSize("weights", weights, Flag.MAX_VARIANTS);
        Set<VariantKey> seen = new HashSet<>();
        long sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            Weight weight = weights.get(i);
            if (!seen.add(weight.variant())) {
                throw InvalidInputException.of(
                        "weights[" + i + "].variant",
                        "duplicate",
                        "variant '" + weight.variant() + "' appears twice in the split");
            }
            sum += weight.basisPoints();
        }
        if (sum != TOTAL) {
            throw InvalidInputException.of(
                    "weights", "invalid_sum", "split weights must sum to 10000 basis points (100 %), not " + sum);
        }
    }

    /** The boolean rollout split: {@code percentage} of units get true, the rest false, true first so raising it only adds units. */
    public static Split booleanRollout(@Nullable BigDecimal percentage) {
        if (percentage == null
                || percentage.signum() < 0
                || percentage.compareTo(BigDecimal.valueOf(100)) > 0
                || percentage.stripTrailingZeros().scale() > 2) {
            throw InvalidInputException.of(
                    "percentage", "invalid_value", "percentage must be between 0 and 100 with at most two decimals");
        }
        int on = percentage
                .movePointRight(2)
                .setScale(0, RoundingMode.UNNECESSARY)
                .intValueExact();
        return new Split(List.of(new Weight(VariantKey.TRUE, on), new Weight(VariantKey.FALSE, TOTAL - on)));
    }

    /** The position in {@link #weights()} of the variant that {@code bucket} gets: the one rule every evaluation uses. */
    public int indexFor(int bucket) {
        int cumulative = 0;
        for (int i = 0; i < weights.size(); i++) {
            cumulative += weights.get(i).basisPoints();
            if (bucket < cumulative) {
                return i;
            }
        }
        return weights.size() - 1;
    }

    /** The variant carrying all 10000 basis points, if one does: it is served without looking at the unit. */
    public @Nullable VariantKey soleVariant() {
        for (Weight weight : weights) {
            if (weight.basisPoints() == TOTAL) {
                return weight.variant();
            }
        }
        return null;
    }

    public record Weight(VariantKey variant, int basisPoints) {
        public Weight {
            Checks.requirePresent("variant", variant);
            if (basisPoints < 0 || basisPoints > TOTAL) {
                throw InvalidInputException.of(
                        "weight", "out_of_range", "a weight is between 0 and 10000 basis points");
            }
        }
    }
}
