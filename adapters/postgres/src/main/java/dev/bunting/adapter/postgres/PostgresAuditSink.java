package dev.bunting.adapter.postgres;

import dev.bunting.domain.audit.AuditDocuments;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.port.AuditSink;
import org.jdbi.v3.core.Handle;

/** Writes audit rows on the transaction's own handle, so an entry commits or rolls back with the change it describes. */
final class PostgresAuditSink implements AuditSink {

    private final Handle handle;

    PostgresAuditSink(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void record(AuditEntry entry) {
        Guard.call(
                "record an audit entry",
                () -> handle.createUpdate("""
                INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, entity_type, entity_id, environment, before, after, at)
                VALUES (:actorKind, :actorId, :actorName, :action, :entityType, :entityId, :environment,
                        CAST(:before AS jsonb), CAST(:after AS jsonb), :at)""")
                        .bind("actorKind", entry.actor().kind().wireName())
                        .bind("actorId", entry.actor().id())
                        .bind("actorName", entry.actor().name())
                        .bind("action", entry.action())
                        .bind("entityType", entry.entity().type())
                        .bind("entityId", entry.entity().id())
                        .bind(
                                "environment",
                                entry.environment() == null
                                        ? null
                                        : entry.environment().value())
                        .bind("before", document(entry.before()))
                        .bind("after", document(entry.after()))
                        .bind("at", FlagRows.utc(entry.at()))
                        .execute());
    }

    /** The state as jsonb text; SQL NULL where there was none, rather than the JSON null. */
    private static String document(Object state) {
        Object document = AuditDocuments.of(state);
        return document == null ? null : JsonDocuments.write(document);
    }
}
