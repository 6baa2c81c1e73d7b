package dev.bunting.domain.port;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.flag.FlagKey;
import java.time.Instant;
import java.util.List;

/**
 * Measurement over time, for charts: what {@link MeasurementLog} stored, counted per variant and bucket. Every answer
 * is ordered by bucket, then variant key, and reflects every write the store acknowledged before it was asked.
 * Implementations throw {@link StoreUnavailableException} for infrastructure failures.
 */
public interface MeasurementHistory {

    /** Evaluations of the flag in the environment per variant, over the minutes in [from, to), summed per bucket. */
    List<VariantCount> evaluations(
            EnvironmentKey environment, FlagKey flag, Instant from, Instant to, TimeBucket bucket);

    /**
     * Units first exposed to the experiment's phase per UTC day and variant. Units that saw several variants are left
     * out, as the results leave them out of every variant.
     */
    List<VariantCount> firstExposuresPerDay(ExperimentKey experiment, int phase);
}
