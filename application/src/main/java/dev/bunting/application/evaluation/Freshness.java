package dev.bunting.application.evaluation;

import java.time.Instant;

/**
 * Whether the config an evaluation ran on is the store's current one, as far as this instance can tell. A stale
 * evaluation keeps its real reason (TARGETING_MATCH, SPLIT, ...): staleness is about the config, not about how the
 * config decided, so it travels beside the evaluation rather than as OpenFeature's STALE in place of the reason.
 */
public sealed interface Freshness {

    /** From the config cache, or just read from the store. */
    record Current() implements Freshness {}

    /**
     * The last config this instance saw for the environment, served because the store cannot be reached and the cache
     * holds none.
     *
     * @param asOf when this instance first saw that config, so it was current then at least
     */
    record Stale(Instant asOf) implements Freshness {}

    Freshness CURRENT = new Current();
}
