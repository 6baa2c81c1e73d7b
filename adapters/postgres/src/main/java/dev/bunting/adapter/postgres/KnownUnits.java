package dev.bunting.adapter.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What this process has written to {@code experiment_units} lately, so that a flush skips units whose stored row it
 * knows absorbs them, sparing the database the units' upsert for the common case of a unit seen again as it was.
 *
 * <p>The database stays the only judge of first exposures: a stored row only ever moves to an earlier exposure or
 * becomes multiple (nothing deletes or rewrites units), so once a committed write told it a fact, the row absorbs that
 * fact for good, whatever other writers or processes do. A unit missing here (never seen, evicted, or another process
 * wrote it) is written as if there were no filter, and the upsert decides; a unit seen with another variant or earlier
 * than known is not absorbed, so it is written and the database marks it. The filter can thus cost a redundant write,
 * never a lost or an inflated one. Evaluations ask it too, before an exposure is queued at all
 * ({@link PostgresMeasurements#absorbs}), so a repeat of a known unit costs a lookup and no write.
 */
final class KnownUnits {

    /**
     * Units remembered at most: about 150 bytes each on the heap, so some 15 MB, for the units of the last seconds at
     * tens of thousands of exposures a second; least used first out.
     */
    static final long CAPACITY = 100_000;

    private record Key(String experiment, int phase, String unit) {}

    private final Cache<Key, FirstExposure> stored;

    KnownUnits(long capacity) {
        // evictions run on the writing thread: no pool's thread, which a frozen AWS Lambda environment could not run
        this.stored = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .build();
    }

    /** @return those of {@code firsts} that a stored row is not known to absorb: what must still be written */
    List<FirstExposure> notAbsorbed(List<FirstExposure> firsts) {
        List<FirstExposure> unknown = new ArrayList<>(firsts.size());
        for (FirstExposure first : firsts) {
            FirstExposure known = stored.getIfPresent(key(first));
            if (known == null || !known.absorbs(first)) {
                unknown.add(first);
            }
        }
        return unknown;
    }

    /**
     * Whether a committed write is known to have left the unit's row absorbing one exposure to {@code variant} at
     * {@code at}: asked on the serving path, so one lookup and no allocation beyond its key.
     */
    boolean absorbs(String experiment, int phase, String unit, String variant, Instant at) {
        FirstExposure known = stored.getIfPresent(new Key(experiment, phase, unit));
        return known != null && known.absorbs(variant, at);
    }

    /**
     * Learns from a committed upsert of {@code written}: each unit's stored row now absorbs what was written to it, and
     * still absorbs what it was known to absorb before, so both facts merge.
     */
    void committed(List<FirstExposure> written) {
        for (FirstExposure first : written) {
            stored.asMap().merge(key(first), first, FirstExposure::merge);
        }
    }

    private static Key key(FirstExposure first) {
        return new Key(first.experiment(), first.phase(), first.unit());
    }
}
