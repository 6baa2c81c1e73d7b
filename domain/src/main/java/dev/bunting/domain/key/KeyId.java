package dev.bunting.domain.key;

import dev.bunting.domain.Checks;

/** Identifies an access key; minted by {@link dev.bunting.domain.port.IdGenerator}. */
public record KeyId(String value) {
    public KeyId {
        Checks.requireIdentifier("id", value, 64, true);
    }

    @Override
    public String toString() {
        return value;
    }
}
