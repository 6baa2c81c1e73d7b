package dev.bunting.domain.identity;

import dev.bunting.domain.InvalidInputException;
import java.util.Locale;

/** What a user may do; see {@link AccessPolicy}. A newly registered user is a viewer. */
public enum Role {
    VIEWER,
    DEVELOPER,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String field, String name) {
        if (name != null) {
            for (Role role : values()) {
                if (role.wireName().equals(name)) {
                    return role;
                }
            }
        }
        throw InvalidInputException.of(field, "invalid_value", field + " must be one of viewer, developer, admin");
    }
}
