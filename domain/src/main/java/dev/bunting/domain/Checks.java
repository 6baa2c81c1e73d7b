package dev.bunting.domain;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Small guards shared by value objects; each failure names the field. */
public final class Checks {

    private Checks() {}

    public static String requireText(String field, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.of(field, "required", field + " is required");
        }
        requireMaxLength(field, value, maxLength);
        return value;
    }

    public static @Nullable String requireMaxLength(String field, @Nullable String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw InvalidInputException.of(field, "too_long", field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static <T extends Collection<?>> T requireMaxSize(String field, T values, int maxSize) {
        if (values.size() > maxSize) {
            throw InvalidInputException.of(field, "too_many", field + " may hold at most " + maxSize + " entries");
        }
        return values;
    }

    /** Requires the list and each of its entries to be present, so copying it cannot fail on a null. */
    public static <T extends Collection<?>> T requireEntries(String field, T values) {
        requirePresent(field, values);
        int i = 0;
        for (Object value : values) {
            if (value == null) {
                throw InvalidInputException.of(field + "[" + i + "]", "required", field + "[" + i + "] is required");
            }
            i++;
        }
        return values;
    }

    public static <T> T requirePresent(String field, @Nullable T value) {
        if (value == null) {
            throw InvalidInputException.of(field, "required", field + " is required");
        }
        return value;
    }

    /** Identifier syntax shared by flag, environment and variant keys: [a-z0-9][a-z0-9._-]*. */
    public static String requireIdentifier(
            String field, @Nullable String value, int maxLength, boolean allowUpperCase) {
        String text = requireText(field, value, maxLength);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric =
                    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (allowUpperCase && c >= 'A' && c <= 'Z');
            boolean punctuation = c == '-' || c == '_' || c == '.';
            if (!alphanumeric && !(punctuation && i > 0)) {
                String allowed = allowUpperCase ? "letters" : "lowercase letters";
                throw InvalidInputException.of(
                        field,
                        "invalid_format",
                        field + " may contain only " + allowed
                                + ", digits, '-', '_' and '.', and must start with a letter or digit");
            }
        }
        return text;
    }
}
