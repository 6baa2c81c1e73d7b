package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;
import dev.bunting.domain.environment.EnvironmentKey;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AuditEntry} as the trail keeps it: numbered in the order it was recorded, with the state before and after
 * as the documents {@link AuditDocuments} makes of it (null where the resource did not exist).
 *
 * @param id the entry's place in the trail: a later entry has a greater id
 */
public record AuditRecord(
        long id,
        Actor actor,
        String action,
        Entity entity,
        @Nullable EnvironmentKey environment,
        @Nullable Object before,
        @Nullable Object after,
        Instant at) {

    public AuditRecord {
        if (id < 1) {
            throw new IllegalArgumentException("an audit record's id is positive, not " + id);
        }
        Checks.requirePresent("actor", actor);
        Checks.requireText("action", action, 100);
        Checks.requirePresent("entity", entity);
        Checks.requirePresent("at", at);
    }

    /** The entry numbered {@code id}, its states turned into documents. */
    public static AuditRecord of(long id, AuditEntry entry) {
        return new AuditRecord(
                id,
                entry.actor(),
                entry.action(),
                entry.entity(),
                entry.environment(),
                AuditDocuments.of(entry.before()),
                AuditDocuments.of(entry.after()),
                entry.at());
    }

    /** The fields the change altered. */
    public List<FieldChange> diff() {
        return DocumentDiff.between(before, after);
    }
}
