package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.flag.VariantKey;
import java.util.Optional;

/**
 * What the team decided when it stopped an experiment: ship one variant to everyone, or roll back to the control.
 *
 * @param variant the variant shipped; empty when rolling back
 * @param reason  why, in the team's words (optional)
 */
public record Decision(Outcome outcome, Optional<VariantKey> variant, String reason) {

    public enum Outcome {
        SHIP,
        ROLL_BACK
    }

    public Decision {
        Checks.requirePresent("outcome", outcome);
        Checks.requirePresent("variant", variant);
        Checks.requireMaxLength("reason", reason, 2_000);
        if (outcome == Outcome.SHIP && variant.isEmpty()) {
            throw InvalidInputException.of("variant", "required", "shipping needs the variant to ship");
        }
        if (outcome == Outcome.ROLL_BACK && variant.isPresent()) {
            throw InvalidInputException.of("variant", "not_allowed", "a roll-back ships the control, not a variant");
        }
    }

    public static Decision ship(VariantKey variant, String reason) {
        return new Decision(Outcome.SHIP, Optional.of(variant), reason);
    }

    public static Decision rollBack(String reason) {
        return new Decision(Outcome.ROLL_BACK, Optional.empty(), reason);
    }
}
