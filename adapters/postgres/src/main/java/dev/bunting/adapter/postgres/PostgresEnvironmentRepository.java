package dev.bunting.adapter.postgres;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.port.EnvironmentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Environments on one transaction's handle. Deleting one takes its configs along (ON DELETE CASCADE). */
final class PostgresEnvironmentRepository implements EnvironmentRepository {

    private static final String COLUMNS = "key, name, protected, public_evaluation, created_at";

    private final Handle handle;

    PostgresEnvironmentRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<Environment> list() {
        return Guard.call(
                "list environments",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM environments ORDER BY key")
                        .map((row, ctx) -> environment(row))
                        .list());
    }

    @Override
    public Optional<Environment> find(EnvironmentKey key) {
        return Guard.call(
                "find an environment",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM environments WHERE key = :key")
                        .bind("key", key.value())
                        .map((row, ctx) -> environment(row))
                        .findOne());
    }

    @Override
    public boolean insert(Environment environment) {
        return Guard.call(
                "insert an environment",
                () -> handle.createUpdate("""
                INSERT INTO environments (key, name, protected, public_evaluation, created_at)
                VALUES (:key, :name, :protected, :publicEvaluation, :createdAt)
                ON CONFLICT (key) DO NOTHING""")
                                .bind("key", environment.key().value())
                                .bind("name", environment.name())
                                .bind("protected", environment.isProtected())
                                .bind("publicEvaluation", environment.publicEvaluation())
                                .bind("createdAt", FlagRows.utc(environment.createdAt()))
                                .execute()
                        == 1);
    }

    @Override
    public boolean update(Environment environment) {
        return Guard.call(
                "update an environment",
                () -> handle.createUpdate("""
                UPDATE environments SET name = :name, protected = :protected, public_evaluation = :publicEvaluation WHERE key = :key""")
                                .bind("key", environment.key().value())
                                .bind("name", environment.name())
                                .bind("protected", environment.isProtected())
                                .bind("publicEvaluation", environment.publicEvaluation())
                                .execute()
                        == 1);
    }

    @Override
    public boolean delete(EnvironmentKey key) {
        return Guard.call(
                "delete an environment",
                () -> handle.createUpdate("DELETE FROM environments WHERE key = :key")
                                .bind("key", key.value())
                                .execute()
                        == 1);
    }

    private static Environment environment(ResultSet row) throws SQLException {
        return new Environment(
                new EnvironmentKey(row.getString("key")),
                row.getString("name"),
                row.getBoolean("protected"),
                row.getBoolean("public_evaluation"),
                FlagRows.instant(row, "created_at"));
    }
}
