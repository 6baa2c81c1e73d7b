package dev.bunting.adapter.postgres;

import java.time.Instant;

/**
 * What a write tells {@code experiment_units} about one unit of an experiment phase: its earliest exposure among those
 * written, and whether they showed it several variants.
 */
record FirstExposure(String experiment, int phase, String unit, String variant, Instant at, boolean multiple) {

    /**
     * Both facts in one: the earlier one's variant and time, multiple if either was or their variants differ. A stored
     * row that absorbs both absorbs this one, and the other way round.
     */
    FirstExposure merge(FirstExposure other) {
        FirstExposure earlier = other.at.isBefore(at) ? other : this;
        return new FirstExposure(
                experiment,
                phase,
                unit,
                earlier.variant,
                earlier.at,
                multiple || other.multiple || !variant.equals(other.variant));
    }

    /**
     * Whether a stored row that says this leaves nothing for {@code later} to change: no later first exposure, and
     * either multiple already or the same single variant. The units' upsert applies the same test in SQL.
     */
    boolean absorbs(FirstExposure later) {
        return !at.isAfter(later.at) && (multiple || (variant.equals(later.variant) && !later.multiple));
    }

    /** As {@link #absorbs(FirstExposure)} for one later exposure, to {@code laterVariant} at {@code laterAt}. */
    boolean absorbs(String laterVariant, Instant laterAt) {
        return !at.isAfter(laterAt) && (multiple || variant.equals(laterVariant));
    }
}
