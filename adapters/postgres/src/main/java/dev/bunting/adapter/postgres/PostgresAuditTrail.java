package dev.bunting.adapter.postgres;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.port.AuditCursor;
import dev.bunting.domain.port.AuditPage;
import dev.bunting.domain.port.AuditQuery;
import dev.bunting.domain.port.AuditTrail;
import dev.bunting.domain.port.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads {@code audit_log} on the transaction's handle, newest id first. Each filter is an indexed column, and the
 * pairs the trail is filtered by have indexes of their own (migrations V7 and V17); the page is read one row long, so whether another page follows is known without a count.
 */
final class PostgresAuditTrail implements AuditTrail {

    private static final String COLUMNS = "id, actor_kind, actor_id, actor_name, action, entity_type, entity_id,"
            + " environment, before::text AS before, after::text AS after, at";

    private final Handle handle;

    PostgresAuditTrail(Handle handle) {
        this.handle = handle;
    }

    @Override
    public AuditPage list(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        if (query.action() != null) {
            conditions.add("action = :action");
        }
        if (query.entity() != null) {
            conditions.add("entity_type = :entityType AND entity_id = :entityId");
        }
        if (query.entityTypes() != null) {
            conditions.add("entity_type = ANY(:entityTypes)");
        }
        if (query.environment() != null) {
            conditions.add("environment = :environment");
        }
        if (query.from() != null) {
            conditions.add("at >= :from");
        }
        if (query.to() != null) {
            conditions.add("at < :to");
        }
        if (query.cursor() != null) {
            conditions.add("id < :before");
        }
        String sql = query.actor() == null ? page(conditions) : byActor(conditions);
        List<AuditRecord> rows = Guard.call(
                "read the audit trail",
                () -> bound(handle.createQuery(sql), query)
                        .bind("limit", query.limit() + 1)
                        .map((row, ctx) -> record(row))
                        .list());
        if (rows.size() <= query.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, query.limit());
        return new AuditPage(page, new AuditCursor(page.getLast().id()));
    }

    private static String page(List<String> conditions) {
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return "SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY id DESC LIMIT :limit";
    }

    /**
     * The actor is an id or a name: the entries with that id, and those with that name and another id (so none is
     * listed twice), each read newest first on its own index and merged. One query matching either column would read
     * every entry of a busy actor to sort them, where each half stops at the page's end.
     */
    private static String byActor(List<String> conditions) {
        List<String> byId = new ArrayList<>(conditions);
        byId.add("actor_id = :actor");
        List<String> byName = new ArrayList<>(conditions);
        byName.add("actor_name = :actor AND actor_id <> :actor");
        return "SELECT * FROM ((" + page(byId) + ") UNION ALL (" + page(byName) + ")) AS by_actor"
                + " ORDER BY id DESC LIMIT :limit";
    }

    private static Query bound(Query statement, AuditQuery query) {
        if (query.actor() != null) {
            statement.bind("actor", query.actor());
        }
        if (query.action() != null) {
            statement.bind("action", query.action());
        }
        if (query.entity() != null) {
            statement
                    .bind("entityType", query.entity().type())
                    .bind("entityId", query.entity().id());
        }
        if (query.entityTypes() != null) {
            statement.bindArray("entityTypes", String.class, query.entityTypes());
        }
        if (query.environment() != null) {
            statement.bind("environment", query.environment().value());
        }
        if (query.from() != null) {
            statement.bind("from", FlagRows.utc(query.from()));
        }
        if (query.to() != null) {
            statement.bind("to", FlagRows.utc(query.to()));
        }
        if (query.cursor() != null) {
            statement.bind("before", query.cursor().before());
        }
        return statement;
    }

    private static AuditRecord record(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        String what = "audit entry " + id;
        String kind = row.getString("actor_kind");
        String actorId = row.getString("actor_id");
        String actorName = row.getString("actor_name");
        String action = row.getString("action");
        String entityType = row.getString("entity_type");
        String entityId = row.getString("entity_id");
        String environment = row.getString("environment");
        Object before = JsonDocuments.read(row.getString("before"), "before of " + what);
        Object after = JsonDocuments.read(row.getString("after"), "after of " + what);
        Instant at = FlagRows.instant(row, "at");
        try {
            return new AuditRecord(
                    id,
                    new Actor(Actor.Kind.fromWireName(kind), actorId, actorName),
                    action,
                    new Entity(entityType, entityId),
                    environment == null ? null : new EnvironmentKey(environment),
                    before,
                    after,
                    at);
        } catch (InvalidInputException | IllegalArgumentException e) {
            // rows were valid when written; one that no longer builds was changed behind the store's back
            throw new StoreUnavailableException("the stored " + what + " is not valid: " + e.getMessage(), e);
        }
    }
}
