package dev.bunting.adapter.postgres;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.port.KeyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Access keys on one transaction's handle. */
final class PostgresKeyRepository implements KeyRepository {

    private static final String COLUMNS =
            "id, name, kind, role, environment, prefix, digest, created_at, created_by, owner_id, last_used_at, revoked_at";

    private final Handle handle;

    PostgresKeyRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean insert(AccessKey key) {
        String role = key.scope() instanceof KeyScope.Management management
                ? management.role().wireName()
                : null;
        String environment = key.scope() instanceof KeyScope.Evaluation evaluation
                ? evaluation.environment().value()
                : null;
        return Guard.call(
                "insert a key",
                () -> handle.createUpdate("""
                INSERT INTO access_keys (id, name, kind, role, environment, prefix, digest, created_at, created_by, owner_id)
                VALUES (:id, :name, :kind, :role, :environment, :prefix, :digest, :createdAt, :createdBy, :owner)
                ON CONFLICT DO NOTHING""")
                                .bind("id", key.id().value())
                                .bind("name", key.name())
                                .bind("kind", key.scope().tag())
                                .bind("role", role)
                                .bind("environment", environment)
                                .bind("prefix", key.prefix())
                                .bind("digest", key.digest())
                                .bind("createdAt", FlagRows.utc(key.createdAt()))
                                .bind("createdBy", key.createdBy())
                                .bind(
                                        "owner",
                                        key.owner() == null ? null : key.owner().value())
                                .execute()
                        == 1);
    }

    @Override
    public Optional<AccessKey> find(KeyId id) {
        return Guard.call(
                "find a key",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM access_keys WHERE id = :id")
                        .bind("id", id.value())
                        .map((row, ctx) -> key(row))
                        .findOne());
    }

    @Override
    public Optional<AccessKey> findByPrefix(String prefix) {
        return Guard.call(
                "find a key",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM access_keys WHERE prefix = :prefix")
                        .bind("prefix", prefix)
                        .map((row, ctx) -> key(row))
                        .findOne());
    }

    @Override
    public List<AccessKey> list() {
        return Guard.call(
                "list keys",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM access_keys ORDER BY created_at DESC, id")
                        .map((row, ctx) -> key(row))
                        .list());
    }

    @Override
    public boolean revoke(KeyId id, Instant at) {
        return Guard.call(
                "revoke a key",
                () -> handle.createUpdate(
                                        "UPDATE access_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                                .bind("id", id.value())
                                .bind("at", FlagRows.utc(at))
                                .execute()
                        == 1);
    }

    @Override
    public void markUsed(KeyId id, Instant at) {
        Guard.call(
                "mark a key used",
                () -> handle.createUpdate("UPDATE access_keys SET last_used_at = :at WHERE id = :id")
                        .bind("id", id.value())
                        .bind("at", FlagRows.utc(at))
                        .execute());
    }

    private static AccessKey key(ResultSet row) throws SQLException {
        // the table's check allows only these three kinds
        KeyScope scope =
                switch (row.getString("kind")) {
                    case "api" -> new KeyScope.Management(Role.fromWireName("role", row.getString("role")));
                    case "client" ->
                        new KeyScope.Evaluation(new EnvironmentKey(row.getString("environment")), KeyScope.Side.CLIENT);
                    default ->
                        new KeyScope.Evaluation(new EnvironmentKey(row.getString("environment")), KeyScope.Side.SERVER);
                };
        return new AccessKey(
                new KeyId(row.getString("id")),
                row.getString("name"),
                scope,
                row.getString("prefix"),
                row.getString("digest"),
                FlagRows.instant(row, "created_at"),
                row.getString("created_by"),
                row.getString("owner_id") == null ? null : new UserId(row.getString("owner_id")),
                nullableInstant(row, "last_used_at"),
                nullableInstant(row, "revoked_at"));
    }

    private static Instant nullableInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column) == null ? null : FlagRows.instant(row, column);
    }
}
