package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;

/** Names a variant within a flag: letters, digits, '-', '_', '.'; 1–100 characters. */
public record VariantKey(String value) {

    public static final VariantKey TRUE = new VariantKey("true");
    public static final VariantKey FALSE = new VariantKey("false");

    public VariantKey {
        Checks.requireIdentifier("variant", value, 100, true);
    }

    @Override
    public String toString() {
        return value;
    }
}
