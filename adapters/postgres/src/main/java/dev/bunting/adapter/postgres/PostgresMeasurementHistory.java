package dev.bunting.adapter.postgres;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.MeasurementHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * Measurement over time on PostgreSQL, summed by {@code date_trunc} in UTC. Evaluations are read from the per-minute
 * {@code evaluation_counts} by its primary key's prefix; first exposures from {@code experiment_units} by its
 * (experiment, first exposure) index rather than from the daily rollups, which a refresh may not have reached yet.
 */
public final class PostgresMeasurementHistory implements MeasurementHistory {

    private final Jdbi jdbi;

    PostgresMeasurementHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<VariantCount> evaluations(
            EnvironmentKey environment, FlagKey flag, Instant from, Instant to, TimeBucket bucket) {
        return Guard.call(
                "read evaluation counts",
                () -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT variant, date_trunc(:unit, minute, 'UTC') AS start, sum(count) AS count
                        FROM evaluation_counts
                        WHERE environment = :environment AND flag = :flag AND minute >= :from AND minute < :to
                        GROUP BY start, variant
                        ORDER BY start, variant""")
                        .bind("unit", bucket.name().toLowerCase(Locale.ROOT))
                        .bind("environment", environment.value())
                        .bind("flag", flag.value())
                        .bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                        .bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                        .map((rs, ctx) -> point(rs))
                        .list()));
    }

    @Override
    public List<VariantCount> firstExposuresPerDay(ExperimentKey experiment, int phase) {
        return Guard.call(
                "read first exposures per day",
                () -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT variant, date_trunc('day', first_exposed_at, 'UTC') AS start, count(*) AS count
                        FROM experiment_units
                        WHERE experiment = :experiment AND phase = :phase AND NOT multiple
                        GROUP BY start, variant
                        ORDER BY start, variant""")
                        .bind("experiment", experiment.value())
                        .bind("phase", phase)
                        .map((rs, ctx) -> point(rs))
                        .list()));
    }

    private static VariantCount point(ResultSet row) throws SQLException {
        return new VariantCount(
                new VariantKey(row.getString("variant")),
                row.getObject("start", OffsetDateTime.class).toInstant(),
                row.getLong("count"));
    }
}
