package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Something a unit did that metrics measure, sent as OpenFeature's tracking API does: {@code track(eventName, context,
 * details)}, with the details' optional numeric value.
 *
 * @param value   what the event is worth (an order's amount); a mean metric counts an event without one as 1
 * @param details custom fields as the text of a JSON object, kept with the event as sent (at most 4,096 characters)
 */
public record TrackedEvent(
        EnvironmentKey environment, EventName event, UnitId unit, OptionalDouble value, Instant at, String details) {

    public static final int MAX_DETAILS_LENGTH = 4_096;

    public TrackedEvent {
        Checks.requirePresent("environment", environment);
        Checks.requirePresent("event", event);
        Checks.requirePresent("unit", unit);
        Checks.requirePresent("value", value);
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw InvalidInputException.of("value", "invalid_value", "value must be a finite number");
        }
        Checks.requirePresent("timestamp", at);
        Checks.requireMaxLength("details", Checks.requirePresent("details", details), MAX_DETAILS_LENGTH);
    }

    /** The number a mean metric adds up for this event. */
    public double worth() {
        return value.orElse(1.0);
    }
}
