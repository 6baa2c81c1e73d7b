package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How many evaluations of a flag served a variant in one minute: the per-flag usage every flag gets, counted in
 * memory on the serving path. Only flags that exist are counted, so unknown keys cannot grow the table.
 *
 * @param minute the start of the minute, UTC
 */
public record EvaluationCount(
        EnvironmentKey environment, FlagKey flag, VariantKey variant, Instant minute, long count) {

    public EvaluationCount {
        Checks.requirePresent("environment", environment);
        Checks.requirePresent("flag", flag);
        Checks.requirePresent("variant", variant);
        Checks.requirePresent("minute", minute);
        if (!minute.truncatedTo(ChronoUnit.MINUTES).equals(minute)) {
            throw new IllegalArgumentException("a count's minute starts on the minute: " + minute);
        }
        if (count < 1) {
            throw new IllegalArgumentException("a count is at least 1");
        }
    }
}
