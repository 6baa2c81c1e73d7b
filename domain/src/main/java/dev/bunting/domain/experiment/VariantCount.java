package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.flag.VariantKey;
import java.time.Instant;

/**
 * One point of a count over time: how many times a variant was counted in the bucket that starts at {@code start}
 * (evaluations that served it, or units first exposed to it). Buckets where nothing was counted have no point.
 */
public record VariantCount(VariantKey variant, Instant start, long count) {

    public VariantCount {
        Checks.requirePresent("variant", variant);
        Checks.requirePresent("start", start);
        if (count < 1) {
            throw new IllegalArgumentException("a counted point is at least 1");
        }
    }
}
