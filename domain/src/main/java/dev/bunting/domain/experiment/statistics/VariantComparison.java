package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.flag.VariantKey;

/** One variant against control for one metric. The means are unadjusted, as GrowthBook shows them. */
public record VariantComparison(VariantKey key, long units, double mean, Effect absolute, Effect relative) {}
