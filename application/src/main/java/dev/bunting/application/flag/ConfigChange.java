package dev.bunting.application.flag;

import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;

/** A change to a flag's config in one environment. */
public sealed interface ConfigChange {

    /** Short name for the audit trail. */
    String action();

    record Replace(FlagConfig config) implements ConfigChange {
        @Override
        public String action() {
            return "flag_config.replaced";
        }
    }

    /** @param enabled the new state; null flips the current one */
    record Toggle(Boolean enabled) implements ConfigChange {
        @Override
        public String action() {
            return "flag_config.toggled";
        }
    }

    /** Sets a boolean flag's fallthrough to serve true to {@code percentage} of units. */
    record Rollout(BigDecimal percentage) implements ConfigChange {
        @Override
        public String action() {
            return "flag_config.rollout_set";
        }
    }

    record AddTarget(VariantKey variant, String unit) implements ConfigChange {
        @Override
        public String action() {
            return "flag_config.target_added";
        }
    }

    record RemoveTarget(VariantKey variant, String unit) implements ConfigChange {
        @Override
        public String action() {
            return "flag_config.target_removed";
        }
    }

    /** The config after this change, or the reason it cannot apply to {@code flag}. */
    static Applied apply(ConfigChange change, Flag flag, FlagConfig current) {
        return switch (change) {
            case Replace replace -> new Applied(replace.config(), null);
            case Toggle toggle ->
                new Applied(
                        current.withEnabled(toggle.enabled() == null ? !current.enabled() : toggle.enabled()), null);
            case Rollout rollout ->
                flag.kind() == FlagKind.BOOLEAN
                        ? new Applied(
                                current.withFallthrough(
                                        new Serve.Percentage(Split.booleanRollout(rollout.percentage()))),
                                null)
                        : new Applied(
                                null,
                                "a percentage rollout applies to boolean flags; give a "
                                        + flag.kind().wireName() + " flag a split fallthrough instead");
            case AddTarget add -> new Applied(current.withTarget(add.variant(), add.unit()), null);
            case RemoveTarget remove ->
                current.targets(remove.variant(), remove.unit())
                        ? new Applied(current.withoutTarget(remove.variant(), remove.unit()), null)
                        : new Applied(
                                null,
                                "'" + remove.unit() + "' is not targeted with variant '" + remove.variant() + "'");
        };
    }

    /** Exactly one of {@code config} and {@code refusal} is set. */
    record Applied(FlagConfig config, String refusal) {}
}
