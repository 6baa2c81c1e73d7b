package dev.bunting.domain.experiment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The width of one point of a count over time, in UTC: a minute, an hour or a day. */
public enum TimeBucket {
    MINUTE(ChronoUnit.MINUTES),
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    TimeBucket(ChronoUnit unit) {
        this.unit = unit;
    }

    public ChronoUnit unit() {
        return unit;
    }

    /** The start of the bucket that holds the instant. */
    public Instant start(Instant at) {
        return at.truncatedTo(unit);
    }
}
