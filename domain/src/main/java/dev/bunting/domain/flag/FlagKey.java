package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import java.util.Set;

/** A flag's identifier: lowercase letters, digits, '-', '_', '.'; 1–100 characters; never a route word. */
public record FlagKey(String value) {

    public static final int MAX_LENGTH = 100;

    /** Words that would collide with routes or read as commands in URLs. */
    static final Set<String> RESERVED = Set.of(
            "health",
            "api",
            "admin",
            "evaluate",
            "ofrep",
            "openapi",
            "openapi.json",
            "flags",
            "environments",
            "auth",
            "sdk",
            "stream",
            "metrics",
            "docs",
            "audit",
            "keys",
            "users");

    public FlagKey {
        Checks.requireIdentifier("key", value, MAX_LENGTH, false);
        if (RESERVED.contains(value)) {
            throw InvalidInputException.of(
                    "key", "reserved", "'" + value + "' is a reserved word and cannot be a flag key");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
