package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import org.jspecify.annotations.Nullable;

/** A named value a flag can serve. The value's type is checked against the flag's kind by {@link Flag}. */
public record Variant(
        VariantKey key, @Nullable Object value, @Nullable String description) {

    public Variant {
        Checks.requirePresent("key", key);
        Checks.requireMaxLength("description", description, 500);
    }

    public static Variant of(String key, @Nullable Object value) {
        return new Variant(new VariantKey(key), value, null);
    }
}
