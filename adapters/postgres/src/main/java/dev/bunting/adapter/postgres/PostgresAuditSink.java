package dev.bunting.adapter.postgres;

import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.port.AuditSink;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes audit rows on the transaction's own handle, so an entry commits or rolls back with the change it describes. */
final class PostgresAuditSink implements AuditSink {

    private final Handle handle;

    PostgresAuditSink(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void record(AuditEntry entry) {
        Guard.call("record an audit entry", () -> handle.createUpdate("""
                INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, entity_type, entity_id, environment, before, after, at)
                VALUES (:actorKind, :actorId, :actorName, :action, :entityType, :entityId, :environment,
                        CAST(:before AS jsonb), CAST(:after AS jsonb), :at)""")
                .bind("actorKind", entry.actor().kind().wireName())
                .bind("actorId", entry.actor().id())
                .bind("actorName", entry.actor().name())
                .bind("action", entry.action())
                .bind("entityType", entry.entity().type())
                .bind("entityId", entry.entity().id())
                .bind("environment", entry.environment() == null ? null : entry.environment().value())
                .bind("before", document(entry.before()))
                .bind("after", document(entry.after()))
                .bind("at", FlagRows.utc(entry.at()))
                .execute());
    }

    /** The state as a JSON document in the store's own vocabulary; SQL NULL where there was none. */
    static String document(Object state) {
        return switch (state) {
            case null -> null;
            case Flag flag -> JsonDocuments.write(flagDocument(flag));
            case EnvironmentConfig config -> JsonDocuments.write(configDocument(config));
            case Environment environment -> JsonDocuments.write(environmentDocument(environment));
            // a user's password hash never enters the audit trail
            case User user -> JsonDocuments.write(Map.of("id", user.id().value(), "email", user.email().value(), "role", user.role().wireName()));
            case AccessKey key -> JsonDocuments.write(keyDocument(key));
            default -> JsonDocuments.write(state.toString());
        };
    }

    private static Map<String, Object> flagDocument(Flag flag) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", flag.key().value());
        document.put("name", flag.name());
        document.put("description", flag.description());
        document.put("tags", flag.tags());
        document.put("kind", flag.kind().wireName());
        document.put("variants", FlagDocuments.writeVariants(flag.variants()));
        document.put("salt", flag.salt());
        document.put("bucket_by", flag.bucketBy());
        document.put("version", flag.version());
        return document;
    }

    private static Map<String, Object> configDocument(EnvironmentConfig config) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("flag", config.flag().value());
        document.put("environment", config.environment().value());
        document.put("version", config.version());
        document.put("config", FlagDocuments.writeConfig(config.config()));
        return document;
    }

    /** Everything shown in the key list; the digest stays in its table. */
    private static Map<String, Object> keyDocument(AccessKey key) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", key.id().value());
        document.put("name", key.name());
        switch (key.scope()) {
            case KeyScope.Management management -> {
                document.put("kind", "api");
                document.put("role", management.role().wireName());
            }
            case KeyScope.Evaluation evaluation -> {
                document.put("kind", "sdk");
                document.put("environment", evaluation.environment().value());
            }
        }
        document.put("prefix", key.prefix());
        document.put("created_by", key.createdBy());
        document.put("revoked", key.isRevoked());
        return document;
    }

    private static Map<String, Object> environmentDocument(Environment environment) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", environment.key().value());
        document.put("name", environment.name());
        document.put("protected", environment.isProtected());
        document.put("public_evaluation", environment.publicEvaluation());
        return document;
    }
}
