package dev.bunting.domain;

import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.Target;
import dev.bunting.domain.flag.VariantKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Test fixture: builds {@link FlagConfig}s. Defaults suit a boolean flag (off serves {@code false}, fallthrough serves
 * {@code true}); other kinds name their variants.
 * <pre>{@code Configs.on().withTarget("true", "alice").withRule(Rules.rule("beta").when(...).serve("true")).fallthroughSplit(split).build()}</pre>
 */
public final class Configs {

    private Configs() {}

    public static Builder on() {
        return new Builder(true);
    }

    public static Builder off() {
        return new Builder(false);
    }

    /** A split from alternating variant keys and basis points: {@code split("on", 3000, "off", 7000)}. */
    public static Split split(Object... variantsAndWeights) {
        List<Split.Weight> weights = new ArrayList<>();
        for (int i = 0; i < variantsAndWeights.length; i += 2) {
            weights.add(new Split.Weight(
                    new VariantKey((String) variantsAndWeights[i]), (Integer) variantsAndWeights[i + 1]));
        }
        return new Split(weights);
    }

    public static final class Builder {
        private final boolean enabled;
        private VariantKey offVariant = VariantKey.FALSE;
        private final List<Target> targets = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private Serve fallthrough = new Serve.Fixed(VariantKey.TRUE);

        private Builder(boolean enabled) {
            this.enabled = enabled;
        }

        public Builder offVariant(String variant) {
            this.offVariant = new VariantKey(variant);
            return this;
        }

        public Builder withTarget(String variant, String... units) {
            targets.add(new Target(new VariantKey(variant), new LinkedHashSet<>(List.of(units))));
            return this;
        }

        public Builder withRule(Rule rule) {
            rules.add(rule);
            return this;
        }

        public Builder withRule(Rules.Builder rule) {
            return withRule(rule.build());
        }

        public Builder fallthrough(String variant) {
            this.fallthrough = Serve.variant(variant);
            return this;
        }

        public Builder fallthroughSplit(Split split) {
            this.fallthrough = new Serve.Percentage(split);
            return this;
        }

        public Builder fallthroughSplit(Object... variantsAndWeights) {
            return fallthroughSplit(split(variantsAndWeights));
        }

        public FlagConfig build() {
            return new FlagConfig(enabled, offVariant, targets, rules, fallthrough);
        }
    }
}
