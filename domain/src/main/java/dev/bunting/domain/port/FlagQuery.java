package dev.bunting.domain.port;

import dev.bunting.domain.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A page of flags, optionally only those carrying {@code tag} and those whose key, name or description contains
 * {@code text} (case-insensitive). Ordered by key.
 */
public record FlagQuery(@Nullable String tag, @Nullable String text, int limit, int offset) {

    public static final int MAX_LIMIT = 500;

    public FlagQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.of("limit", "out_of_range", "limit is between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw InvalidInputException.of("offset", "out_of_range", "offset is zero or more");
        }
        if (text != null && text.length() > 200) {
            throw InvalidInputException.of("q", "too_long", "q must be at most 200 characters");
        }
        if (tag != null && tag.length() > 50) {
            throw InvalidInputException.of("tag", "too_long", "tag must be at most 50 characters");
        }
    }

    public static FlagQuery all() {
        return new FlagQuery(null, null, MAX_LIMIT, 0);
    }
}
