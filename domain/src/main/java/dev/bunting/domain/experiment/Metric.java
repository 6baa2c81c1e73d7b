package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.experiment.statistics.MetricType;
import java.time.Duration;

/**
 * A measure of an experiment, defined on one tracking event.
 *
 * @param event  the tracking event's name, as SDKs send it to {@code POST /events}
 * @param window how long after a unit's first exposure its events count (the attribution window)
 */
public record Metric(MetricKey key, EventName event, MetricType type, MetricRole role, Duration window) {

    /** GrowthBook's default conversion window: three days. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(72);

    public static final Duration MAX_WINDOW = Duration.ofDays(90);

    /**
     * How far before a unit's first exposure its events make the metric's CUPED covariate: GrowthBook's default
     * regression adjustment lookback, 14 days.
     */
    public static final Duration PRE_EXPOSURE_LOOKBACK = Duration.ofDays(14);

    public Metric {
        Checks.requirePresent("key", key);
        Checks.requirePresent("event", event);
        Checks.requirePresent("type", type);
        Checks.requirePresent("role", role);
        Checks.requirePresent("window", window);
        if (window.compareTo(Duration.ofHours(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw InvalidInputException.of(
                    "window_hours", "out_of_range", "the attribution window must be between 1 hour and 90 days");
        }
    }
}
