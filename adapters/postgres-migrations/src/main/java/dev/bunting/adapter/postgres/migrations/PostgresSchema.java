package dev.bunting.adapter.postgres.migrations;

import dev.bunting.domain.port.StoreUnavailableException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the PostgreSQL schema up to date with Flyway. A module of its own, apart from the store: whatever serves
 * requests depends on the store alone, so Flyway and the migrations are not even on its classpath.
 */
public final class PostgresSchema {

    private PostgresSchema() {}

    /**
     * Applies the migrations the database lacks, each in its own transaction; safe to run again, and from several
     * places at once, since Flyway locks its history table.
     *
     * @param dataSource connections as the schema's owner
     * @return the versions applied now, oldest first; empty when the schema was already current
     */
    public static List<String> migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return result.migrations.stream()
                    .map(migration -> migration.version)
                    .toList();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot migrate the PostgreSQL schema", e);
        }
    }
}
