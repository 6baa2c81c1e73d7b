package dev.bunting.adapter.postgres;

import static dev.bunting.adapter.postgres.FlagRows.FLAG_COLUMNS;
import static dev.bunting.adapter.postgres.FlagRows.utc;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.port.FlagPage;
import dev.bunting.domain.port.FlagQuery;
import dev.bunting.domain.port.FlagRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** Flags and configs on one transaction's handle. Every conditional write is a single statement, so it cannot race. */
final class PostgresFlagRepository implements FlagRepository {

    private final Handle handle;

    PostgresFlagRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<Flag> find(FlagKey key) {
        return Guard.call(
                "find a flag",
                () -> handle.createQuery("SELECT " + FLAG_COLUMNS + " FROM flags f WHERE f.key = :key")
                        .bind("key", key.value())
                        .map((row, ctx) -> FlagRows.flag(row))
                        .findOne());
    }

    @Override
    public FlagPage list(FlagQuery query) {
        List<String> conditions = new ArrayList<>();
        switch (query.state()) {
            case ACTIVE -> conditions.add("f.archived_at IS NULL");
            case ARCHIVED -> conditions.add("f.archived_at IS NOT NULL");
            case ALL -> {}
        }
        if (query.tag() != null) {
            conditions.add("f.tags @> ARRAY[:tag]::text[]");
        }
        if (query.text() != null) {
            conditions.add("(f.key ILIKE :pattern OR f.name ILIKE :pattern OR f.description ILIKE :pattern)");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return Guard.call("list flags", () -> {
            long total = filtered(handle.createQuery("SELECT count(*) FROM flags f" + where), query)
                    .mapTo(Long.class)
                    .one();
            List<Flag> items = filtered(
                            handle.createQuery("SELECT " + FLAG_COLUMNS + " FROM flags f" + where
                                    + " ORDER BY f.key LIMIT :limit OFFSET :offset"),
                            query)
                    .bind("limit", query.limit())
                    .bind("offset", query.offset())
                    .map((row, ctx) -> FlagRows.flag(row))
                    .list();
            return new FlagPage(items, total);
        });
    }

    private static <S extends SqlStatement<S>> S filtered(S statement, FlagQuery query) {
        if (query.tag() != null) {
            statement.bind("tag", query.tag());
        }
        if (query.text() != null) {
            statement.bind("pattern", "%" + escapeLike(query.text()) + "%");
        }
        return statement;
    }

    /** Makes the user's text match literally: LIKE's wildcards and its escape character lose their meaning. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public boolean insert(Flag flag) {
        return Guard.call(
                "insert a flag", () -> bindFlag(handle.createUpdate("""
                INSERT INTO flags (key, name, description, tags, kind, variants, salt, bucket_by, version, created_at, updated_at,
                                   archived_at)
                VALUES (:key, :name, :description, :tags, :kind, CAST(:variants AS jsonb), :salt, :bucketBy, :version,
                        :createdAt, :updatedAt, :archivedAt)
                ON CONFLICT (key) DO NOTHING"""), flag).execute() == 1);
    }

    @Override
    public boolean update(Flag flag) {
        return Guard.call(
                "update a flag", () -> bindFlag(handle.createUpdate("""
                UPDATE flags SET name = :name, description = :description, tags = :tags, kind = :kind,
                       variants = CAST(:variants AS jsonb), salt = :salt, bucket_by = :bucketBy, version = :version,
                       created_at = :createdAt, updated_at = :updatedAt, archived_at = :archivedAt
                WHERE key = :key AND version = :version - 1"""), flag).execute() == 1);
    }

    private static <S extends SqlStatement<S>> S bindFlag(S statement, Flag flag) {
        return statement
                .bind("key", flag.key().value())
                .bind("name", flag.name())
                .bind("description", flag.description())
                .bindArray("tags", String.class, flag.tags())
                .bind("kind", flag.kind().wireName())
                .bind("variants", FlagRows.variantsDocument(flag))
                .bind("salt", flag.salt())
                .bind("bucketBy", flag.bucketBy())
                .bind("version", flag.version())
                .bind("createdAt", utc(flag.createdAt()))
                .bind("updatedAt", utc(flag.updatedAt()))
                .bind("archivedAt", flag.archivedAt() == null ? null : utc(flag.archivedAt()));
    }

    @Override
    public boolean delete(FlagKey key, long expectedVersion) {
        return Guard.call(
                "delete a flag",
                () -> handle.createUpdate("DELETE FROM flags WHERE key = :key AND version = :version")
                                .bind("key", key.value())
                                .bind("version", expectedVersion)
                                .execute()
                        == 1);
    }

    @Override
    public Optional<EnvironmentConfig> findConfig(FlagKey flag, EnvironmentKey environment) {
        return Guard.call(
                "find a flag config",
                () -> handle.createQuery("""
                SELECT flag_key, environment_key, config, version AS config_version, updated_at AS config_updated_at
                FROM flag_configs WHERE flag_key = :flag AND environment_key = :environment""")
                        .bind("flag", flag.value())
                        .bind("environment", environment.value())
                        .map((row, ctx) -> FlagRows.config(row))
                        .findOne());
    }

    @Override
    public boolean saveConfig(EnvironmentConfig config) {
        if (config.version() < 1) {
            return false;
        }
        // The first version locks the flag and environment rows it refers to, so a concurrent delete either waits
        // for this insert or leaves nothing to insert against: never a foreign-key error that would abort the
        // transaction.
        String sql = config.version() == 1 ? """
                INSERT INTO flag_configs (flag_key, environment_key, config, version, updated_at)
                SELECT f.key, e.key, CAST(:config AS jsonb), :version, :updatedAt
                FROM flags f, environments e
                WHERE f.key = :flag AND e.key = :environment
                FOR KEY SHARE OF f, e
                ON CONFLICT (flag_key, environment_key) DO NOTHING""" : """
                UPDATE flag_configs SET config = CAST(:config AS jsonb), version = :version, updated_at = :updatedAt
                WHERE flag_key = :flag AND environment_key = :environment AND version = :version - 1""";
        return Guard.call(
                "save a flag config",
                () -> handle.createUpdate(sql)
                                .bind("flag", config.flag().value())
                                .bind("environment", config.environment().value())
                                .bind("config", FlagRows.configDocument(config.config()))
                                .bind("version", config.version())
                                .bind("updatedAt", utc(config.updatedAt()))
                                .execute()
                        == 1);
    }

    @Override
    public List<FlagState> statesIn(EnvironmentKey environment) {
        return Guard.call(
                "read the flags of an environment",
                () -> handle.createQuery("SELECT " + FLAG_COLUMNS + """
                , c.flag_key, c.environment_key, c.config, c.version AS config_version, c.updated_at AS config_updated_at,
                x.key AS experiment_key, jsonb_array_length(x.document -> 'phases') AS experiment_phase
                FROM flags f
                LEFT JOIN flag_configs c ON c.flag_key = f.key AND c.environment_key = :environment
                LEFT JOIN experiments x ON x.flag = f.key AND x.environment = :environment AND x.status = 'running'
                WHERE f.archived_at IS NULL
                ORDER BY f.key""")
                        .bind("environment", environment.value())
                        .map((row, ctx) -> {
                            Flag flag = FlagRows.flag(row);
                            EnvironmentConfig config = row.getString("config") == null
                                    ? EnvironmentConfig.initial(flag, environment)
                                    : FlagRows.config(row);
                            // phases are numbered from 1 without gaps, so the current one's number is their count
                            String experimentKey = row.getString("experiment_key");
                            int experimentPhase = row.getInt("experiment_phase");
                            Optional<ExperimentRun> experiment = Optional.ofNullable(experimentKey)
                                    .map(key -> new ExperimentRun(new ExperimentKey(key), experimentPhase));
                            return new FlagState(flag, config, experiment);
                        })
                        .list());
    }
}
