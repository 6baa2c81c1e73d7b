package dev.bunting.domain.port;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.EnvironmentKey;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A page of the audit trail, newest first. Each filter is optional (null), and an entry must match all that are given.
 *
 * @param actor       entries whose actor's id or name is exactly this: a user's id or email, an API key's id or name
 * @param action      entries with exactly this action, such as {@code flag.updated}
 * @param entity      entries about this entity; a flag's include the changes to its config in every environment
 * @param environment entries that apply to this environment
 * @param from        entries at or after this instant
 * @param to          entries before this instant
 * @param cursor      where the page starts, as the previous page gave it; null for the newest entries
 * @param entityTypes entries about entities of these types only ({@link Entity#type()}); null for every type. The
 *                    store applies it with the other filters, so that a page is full and its cursor right whatever it
 *                    leaves out
 */
public record AuditQuery(
        @Nullable String actor,
        @Nullable String action,
        @Nullable Entity entity,
        @Nullable EnvironmentKey environment,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable AuditCursor cursor,
        int limit,
        @Nullable Set<String> entityTypes) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public AuditQuery {
        requireNonBlank("actor", actor, 320);
        requireNonBlank("action", action, 100);
        if (from != null && to != null && !to.isAfter(from)) {
            throw InvalidInputException.of("to", "out_of_range", "to must be after from");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.of("limit", "out_of_range", "limit is between 1 and " + MAX_LIMIT);
        }
        entityTypes = entityTypes == null ? null : Set.copyOf(entityTypes);
    }

    /** A query of entries about every type of entity. */
    public AuditQuery(
            @Nullable String actor,
            @Nullable String action,
            @Nullable Entity entity,
            @Nullable EnvironmentKey environment,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable AuditCursor cursor,
            int limit) {
        this(actor, action, entity, environment, from, to, cursor, limit, null);
    }

    /** This query, of entries about entities of {@code types} only. */
    public AuditQuery onlyAbout(Set<String> types) {
        return new AuditQuery(actor, action, entity, environment, from, to, cursor, limit, types);
    }

    private static void requireNonBlank(String field, @Nullable String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            throw InvalidInputException.of(field, "blank", field + " must not be blank when given");
        }
        if (value.length() > maxLength) {
            throw InvalidInputException.of(field, "too_long", field + " must be at most " + maxLength + " characters");
        }
    }
}
