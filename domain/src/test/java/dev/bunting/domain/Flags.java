package dev.bunting.domain;

import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: builds {@link Flag}s with sensible defaults, so a test names only what it is about.
 * <pre>{@code Flags.aBooleanFlag("new-checkout").bucketBy("company_id").build()}</pre>
 */
public final class Flags {

    public static final Instant CREATED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private Flags() {}

    /** A boolean flag; unless variants are given, it has the canonical {@code true} and {@code false}. */
    public static Builder aBooleanFlag(String key) {
        return new Builder(key, FlagKind.BOOLEAN);
    }

    /** A string flag whose variants serve their own key as value, e.g. {@code aStringFlag("copy", "control", "treatment")}. */
    public static Builder aStringFlag(String key, String... variantKeys) {
        Builder builder = new Builder(key, FlagKind.STRING);
        for (String variant : variantKeys) {
            builder.withVariant(variant, variant);
        }
        return builder;
    }

    public static Builder aNumberFlag(String key) {
        return new Builder(key, FlagKind.NUMBER);
    }

    public static Builder aJsonFlag(String key) {
        return new Builder(key, FlagKind.JSON);
    }

    public static final class Builder {
        private final String key;
        private final FlagKind kind;
        private final List<Variant> variants = new ArrayList<>();
        private String name;
        private String salt;
        private String bucketBy = Flag.TARGETING_KEY;

        private Builder(String key, FlagKind kind) {
            this.key = key;
            this.kind = kind;
        }

        public Builder withVariant(String variantKey, Object value) {
            variants.add(Variant.of(variantKey, value));
            return this;
        }

        public Builder withVariants(List<Variant> all) {
            variants.addAll(all);
            return this;
        }

        public Builder named(String newName) {
            this.name = newName;
            return this;
        }

        /** The bucketing salt; defaults to the flag key, as spec/bucketing.md says. */
        public Builder salt(String newSalt) {
            this.salt = newSalt;
            return this;
        }

        public Builder bucketBy(String attribute) {
            this.bucketBy = attribute;
            return this;
        }

        public Flag build() {
            List<Variant> all = kind == FlagKind.BOOLEAN && variants.isEmpty() ? Flag.booleanVariants() : variants;
            return new Flag(
                    new FlagKey(key),
                    name == null ? key : name,
                    null,
                    List.of(),
                    kind,
                    all,
                    salt == null ? key : salt,
                    bucketBy,
                    1,
                    CREATED_AT,
                    CREATED_AT);
        }
    }
}
