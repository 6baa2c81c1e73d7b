package dev.bunting.adapter.postgres;

import java.time.LocalDate;
import java.util.List;

/**
 * What one run of retention did. Raw days are dropped only once every stale rollup has been recomputed from them: when
 * the deadline left some experiments stale, nothing is dropped, and the next run drops what is due then.
 *
 * @param dropped the raw days dropped
 * @param rollups the refresh of stale rollups that came first
 */
public record RawDataUpkeep(List<LocalDate> dropped, RollupUpkeep rollups) {

    public RawDataUpkeep {
        dropped = List.copyOf(dropped);
    }
}
