package dev.bunting.domain.port;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A page of flags in {@code state}, optionally only those carrying {@code tag} and those whose key, name or description
 * contains {@code text} (case-insensitive). Ordered by key.
 */
public record FlagQuery(@Nullable String tag, @Nullable String text, State state, int limit, int offset) {

    public static final int MAX_LIMIT = 500;

    /** Which flags a list holds: archived ones are left out unless asked for. */
    public enum State {
        ACTIVE,
        ARCHIVED,
        ALL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWireName(String field, String name) {
            for (State state : values()) {
                if (state.wireName().equals(name)) {
                    return state;
                }
            }
            throw InvalidInputException.of(field, "invalid_value", field + " is one of active, archived and all");
        }

        public boolean admits(boolean archived) {
            return switch (this) {
                case ACTIVE -> !archived;
                case ARCHIVED -> archived;
                case ALL -> true;
            };
        }
    }

    public FlagQuery {
        Checks.requirePresent("state", state);
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

    /** Active flags only, as a list shows them unless asked otherwise. */
    public FlagQuery(@Nullable String tag, @Nullable String text, int limit, int offset) {
        this(tag, text, State.ACTIVE, limit, offset);
    }

    /** The first page of every flag, archived ones included, as large as a page can be. */
    public static FlagQuery all() {
        return new FlagQuery(null, null, State.ALL, MAX_LIMIT, 0);
    }
}
