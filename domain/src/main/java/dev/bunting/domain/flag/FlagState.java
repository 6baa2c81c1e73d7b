package dev.bunting.domain.flag;

/** A flag together with its config in one environment: what evaluation needs. */
public record FlagState(Flag flag, EnvironmentConfig config) {
    public FlagState {
        if (!flag.key().equals(config.flag())) {
            throw new IllegalArgumentException(
                    "config of '" + config.flag() + "' paired with flag '" + flag.key() + "'");
        }
    }
}
