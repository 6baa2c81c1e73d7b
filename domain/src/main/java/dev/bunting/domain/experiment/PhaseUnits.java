package dev.bunting.domain.experiment;

import dev.bunting.domain.flag.VariantKey;
import java.util.Map;

/**
 * The units an experiment phase counted.
 *
 * @param byVariant units that saw exactly one variant, by that variant: the units analysed
 * @param multiple  units that saw more than one variant; left out of the analysis and reported as a share
 */
public record PhaseUnits(Map<VariantKey, Long> byVariant, long multiple) {

    public PhaseUnits {
        byVariant = Map.copyOf(byVariant);
    }

    public long units(VariantKey variant) {
        return byVariant.getOrDefault(variant, 0L);
    }

    /** Every unit exposed in the phase, once each. */
    public long total() {
        return byVariant.values().stream().mapToLong(Long::longValue).sum() + multiple;
    }

    /** The share of exposed units that saw more than one variant; 0 when none were exposed. */
    public double multipleShare() {
        long total = total();
        return total == 0 ? 0 : (double) multiple / total;
    }
}
