package dev.bunting.application.flag;

import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

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
    record Toggle(@Nullable Boolean enabled) implements ConfigChange {
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
            case Replace replace -> new Applied.Changed(replace.config());
            case Toggle toggle ->
                new Applied.Changed(
                        current.withEnabled(toggle.enabled() == null ? !current.enabled() : toggle.enabled()));
            case Rollout rollout ->
                flag.kind() == FlagKind.BOOLEAN
                        ? new Applied.Changed(current.withFallthrough(
                                new Serve.Percentage(Split.booleanRollout(rollout.percentage()))))
                        : new Applied.Refused("a percentage rollout applies to boolean flags; give a "
                                + flag.kind().wireName() + " flag a split fallthrough instead");
            case AddTarget add -> new Applied.Changed(current.withTarget(add.variant(), add.unit()));
            case RemoveTarget remove ->
                current.targets(remove.variant(), remove.unit())
                        ? new Applied.Changed(current.withoutTarget(remove.variant(), remove.unit()))
                        : new Applied.Refused(
                                "'" + remove.unit() + "' is not targeted with variant '" + remove.variant() + "'");
        };
    }

    /** What a change makes of a config: the config after it, or the reason it cannot apply. */
    sealed interface Applied {
        record Changed(FlagConfig config) implements Applied {}

        record Refused(String reason) implements Applied {}
    }
}
