package dev.bunting.adapter.postgres;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The daily partitions of a table partitioned by a timestamp: made on first need, each in its own short transaction
 * so that a batch's insert never holds the parent's lock, and dropped whole when retention says so.
 */
final class DailyPartitions {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private final Jdbi jdbi;
    private final String table;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    DailyPartitions(Jdbi jdbi, String table) {
        this.jdbi = jdbi;
        this.table = table;
    }

    /** Makes sure a partition exists for each day; cheap for days this process has seen. */
    void ensure(Collection<LocalDate> days) {
        for (LocalDate day : days) {
            if (known.contains(day)) {
                continue;
            }
            String create = "CREATE TABLE IF NOT EXISTS " + name(day) + " PARTITION OF " + table + " FOR VALUES FROM ('"
                    + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')";
            try {
                jdbi.useHandle(handle -> handle.execute(create));
            } catch (JdbiException e) {
                // another instance made it in the same instant: IF NOT EXISTS does not cover that race
                if (!exists(day)) {
                    throw e;
                }
            }
            known.add(day);
        }
    }

    /** Drops every partition of a day before {@code cutoff}. @return the days dropped */
    List<LocalDate> dropBefore(LocalDate cutoff) {
        List<String> partitions = jdbi.withHandle(handle ->
                handle.createQuery("""
                SELECT child.relname FROM pg_inherits
                JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
                JOIN pg_class child ON child.oid = pg_inherits.inhrelid
                WHERE parent.relname = :table""").bind("table", table).mapTo(String.class).list());
        List<LocalDate> dropped = new ArrayList<>();
        for (String partition : partitions) {
            LocalDate day = LocalDate.parse(partition.substring(table.length() + 2), SUFFIX);
            if (day.isBefore(cutoff)) {
                jdbi.useHandle(handle -> handle.execute("DROP TABLE IF EXISTS " + partition));
                known.remove(day);
                dropped.add(day);
            }
        }
        return dropped;
    }

    static LocalDate dayOf(java.time.Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private boolean exists(LocalDate day) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT to_regclass(:name) IS NOT NULL")
                .bind("name", name(day))
                .mapTo(Boolean.class)
                .one());
    }

    private String name(LocalDate day) {
        return table + "_p" + day.format(SUFFIX);
    }
}
