package dev.bunting.domain.experiment.statistics;

import dev.bunting.domain.flag.VariantKey;
import java.util.List;

/** The result for one metric: the control's units and mean, each other variant against it, and the SRM check. */
public record MetricAnalysis(
        VariantKey control,
        long controlUnits,
        double controlMean,
        List<VariantComparison> variants,
        SampleRatioMismatch srm) {

    public MetricAnalysis {
        variants = List.copyOf(variants);
    }
}
