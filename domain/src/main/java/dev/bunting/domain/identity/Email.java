package dev.bunting.domain.identity;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;

import java.util.Locale;

/**
 * A user's email address, the sign-in name. Kept in lower case so that sign-in is case-insensitive. Checked for shape
 * only (one '@', a dotted domain, no spaces): whether it receives mail is not this service's concern.
 */
public record Email(String value) {

    public Email {
        Checks.requireText("email", value, 254);
        value = value.strip().toLowerCase(Locale.ROOT);
        int at = value.indexOf('@');
        boolean shaped = at > 0 && at == value.lastIndexOf('@') && value.indexOf('.', at) > at + 1
                && !value.endsWith(".") && value.chars().noneMatch(Character::isWhitespace);
        if (!shaped) {
            throw InvalidInputException.of("email", "invalid_format", "email must look like name@example.com");
        }
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
