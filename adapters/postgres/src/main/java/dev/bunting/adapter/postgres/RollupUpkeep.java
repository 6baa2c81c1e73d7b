package dev.bunting.adapter.postgres;

/**
 * What one refresh of stale rollups did before its deadline.
 *
 * @param refreshed the experiments whose stale rollups were recomputed
 * @param leftStale the experiments it did not start on, whose marks wait for the next run
 */
public record RollupUpkeep(int refreshed, int leftStale) {}
