package dev.bunting.domain.identity;

import dev.bunting.domain.Checks;

/** Identifies a user; minted by {@link dev.bunting.domain.port.IdGenerator}. */
public record UserId(String value) {
    public UserId {
        Checks.requireIdentifier("id", value, 64, true);
    }

    @Override
    public String toString() {
        return value;
    }
}
