package dev.bunting.adapter.postgres;

import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.flag.RuleId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;

/**
 * Writes raw exposures with {@code COPY}, in the handle's transaction, one row per fold of repeats. PostgreSQL parses
 * text rows straight into the partitioned table for less than half the CPU an {@code INSERT} over {@code unnest}'ed
 * arrays costs it, and the client builds one buffer rather than twelve arrays; exposures are the one table written in
 * proportion to evaluations.
 */
final class ExposureCopy {

    private static final String COPY = "COPY exposures"
            + " (experiment, phase, environment, flag, config_version, variant, unit, at, reason, rule, count, last_at)"
            + " FROM STDIN";
    private static final String NULL = "\\N";

    private ExposureCopy() {}

    static void copy(Handle handle, Collection<ExposureFold> folds) {
        StringBuilder rows = new StringBuilder(folds.size() * 144);
        for (ExposureFold fold : folds) {
            ExperimentExposure e = fold.exposure();
            Exposure exposure = e.exposure();
            text(rows, e.experiment().value()).append('\t');
            rows.append(e.phase()).append('\t');
            text(rows, exposure.environment().value()).append('\t');
            text(rows, exposure.flag().value()).append('\t');
            rows.append(exposure.configVersion()).append('\t');
            text(rows, exposure.variant().value()).append('\t');
            text(rows, exposure.unit().value()).append('\t');
            rows.append(exposure.at()).append('\t');
            rows.append(exposure.reason().name()).append('\t');
            rows.append(exposure.rule()
                    .map(RuleId::value)
                    .map(ExposureCopy::escaped)
                    .orElse(NULL));
            rows.append('\t').append(fold.count()).append('\t').append(fold.last());
            rows.append('\n');
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        try {
            handle.getConnection()
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(COPY, new ByteArrayInputStream(bytes));
        } catch (SQLException | IOException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static String escaped(String value) {
        return text(new StringBuilder(value.length()), value).toString();
    }

    /** COPY's text format: a backslash, tab, newline or carriage return inside a value is escaped. */
    private static StringBuilder text(StringBuilder rows, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }
}
