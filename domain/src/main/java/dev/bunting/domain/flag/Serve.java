package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import java.util.List;
import java.util.stream.Stream;

/** What a rule or the fallthrough serves: one variant, or a weighted split across variants. */
public sealed interface Serve {

    /** Every variant this serve can produce, for checking them against the flag. */
    Stream<VariantKey> variants();

    record Fixed(VariantKey variant) implements Serve {
        public Fixed {
            Checks.requirePresent("variant", variant);
        }

        @Override
        public Stream<VariantKey> variants() {
            return Stream.of(variant);
        }
    }

    record Percentage(Split split) implements Serve {
        public Percentage {
            Checks.requirePresent("split", split);
        }

        @Override
        public Stream<VariantKey> variants() {
            return split.weights().stream().map(Split.Weight::variant);
        }
    }

    static Serve variant(String key) {
        return new Fixed(new VariantKey(key));
    }

    static Serve split(List<Split.Weight> weights) {
        return new Percentage(new Split(weights));
    }
}
