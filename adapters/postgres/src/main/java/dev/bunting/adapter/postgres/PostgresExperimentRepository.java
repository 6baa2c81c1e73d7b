package dev.bunting.adapter.postgres;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentDocuments;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.port.ExperimentAlreadyRunningException;
import dev.bunting.domain.port.ExperimentQuery;
import dev.bunting.domain.port.ExperimentRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Experiments on one transaction's handle, each stored as its document with the columns queries filter on. */
final class PostgresExperimentRepository implements ExperimentRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String ONE_RUNNING = "experiments_one_running_per_flag";

    private final Handle handle;

    PostgresExperimentRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<Experiment> find(ExperimentKey key) {
        return Guard.call(
                "find an experiment",
                () -> handle.createQuery("SELECT document::text FROM experiments WHERE key = :key")
                        .bind("key", key.value())
                        .mapTo(String.class)
                        .findOne()
                        .map(PostgresExperimentRepository::experiment));
    }

    @Override
    public List<Experiment> list(ExperimentQuery query) {
        List<String> conditions = new ArrayList<>();
        query.flag().ifPresent(flag -> conditions.add("flag = :flag"));
        query.environment().ifPresent(environment -> conditions.add("environment = :environment"));
        query.status().ifPresent(status -> conditions.add("status = :status"));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return Guard.call("list experiments", () -> {
            var select = handle.createQuery("SELECT document::text FROM experiments" + where + " ORDER BY key");
            query.flag().ifPresent(flag -> select.bind("flag", flag.value()));
            query.environment().ifPresent(environment -> select.bind("environment", environment.value()));
            query.status().ifPresent(status -> select.bind("status", ExperimentDocuments.wire(status)));
            return select.mapTo(String.class)
                    .map(PostgresExperimentRepository::experiment)
                    .list();
        });
    }

    @Override
    public Optional<Experiment> running(FlagKey flag, EnvironmentKey environment) {
        return Guard.call(
                "find a running experiment",
                () -> handle.createQuery("""
                SELECT document::text FROM experiments
                WHERE flag = :flag AND environment = :environment AND status = 'running'""")
                        .bind("flag", flag.value())
                        .bind("environment", environment.value())
                        .mapTo(String.class)
                        .findOne()
                        .map(PostgresExperimentRepository::experiment));
    }

    @Override
    public boolean insert(Experiment experiment) {
        return write(experiment, """
                INSERT INTO experiments (key, flag, environment, status, version, document)
                VALUES (:key, :flag, :environment, :status, :version, CAST(:document AS jsonb))
                ON CONFLICT (key) DO NOTHING""");
    }

    @Override
    public boolean update(Experiment experiment) {
        return write(experiment, """
                UPDATE experiments
                SET status = :status, version = :version, document = CAST(:document AS jsonb)
                WHERE key = :key AND version = :version - 1""");
    }

    @Override
    public boolean delete(ExperimentKey key, long expectedVersion) {
        return Guard.call(
                "delete an experiment",
                () -> handle.createUpdate("DELETE FROM experiments WHERE key = :key AND version = :version")
                                .bind("key", key.value())
                                .bind("version", expectedVersion)
                                .execute()
                        == 1);
    }

    private boolean write(Experiment experiment, String statement) {
        return Guard.call("write an experiment", () -> {
            try {
                return handle.createUpdate(statement)
                                .bind("key", experiment.key().value())
                                .bind("flag", experiment.flag().value())
                                .bind("environment", experiment.environment().value())
                                .bind("status", ExperimentDocuments.wire(experiment.status()))
                                .bind("version", experiment.version())
                                .bind("document", JsonDocuments.write(ExperimentDocuments.write(experiment)))
                                .execute()
                        == 1;
            } catch (UnableToExecuteStatementException e) {
                if (e.getCause() instanceof SQLException sql
                        && UNIQUE_VIOLATION.equals(sql.getSQLState())
                        && String.valueOf(sql.getMessage()).contains(ONE_RUNNING)) {
                    throw new ExperimentAlreadyRunningException(experiment.flag(), experiment.environment());
                }
                throw e;
            }
        });
    }

    private static Experiment experiment(String document) {
        return ExperimentDocuments.read(JsonDocuments.read(document, "experiment"));
    }
}
