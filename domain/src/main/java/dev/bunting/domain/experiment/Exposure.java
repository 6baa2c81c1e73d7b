package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.VariantKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A unit was served a variant of a flag: the fact experiments count.
 *
 * @param configVersion the version of the flag's config in the environment that served it
 * @param rule          the rule that decided, if one did
 */
public record Exposure(
        EnvironmentKey environment,
        FlagKey flag,
        long configVersion,
        VariantKey variant,
        UnitId unit,
        Instant at,
        Reason reason,
        Optional<RuleId> rule) {

    public Exposure {
        Checks.requirePresent("environment", environment);
        Checks.requirePresent("flag", flag);
        Checks.requirePresent("variant", variant);
        Checks.requirePresent("unit", unit);
        Checks.requirePresent("timestamp", at);
        Checks.requirePresent("reason", reason);
        Checks.requirePresent("rule", rule);
    }
}
