package dev.bunting.application.measurement;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One event of a batch as an SDK or browser sent it, before it is checked: the driving adapter only parses its
 * fields; {@link RecordEvents} decides whether it is good.
 */
public sealed interface SentEvent {

    /** When it happened by the sender's clock; absent means when it was received. */
    Optional<Instant> timestamp();

    /** A unit was served a variant of a flag (the SDK evaluated it locally). */
    record Exposure(String flag, String variant, String unit, Optional<Instant> timestamp) implements SentEvent {}

    /** An event the driving adapter could not read (an unknown type, a field of the wrong type): rejected as it is. */
    record Unreadable(String field, String code, String message) implements SentEvent {
        @Override
        public Optional<Instant> timestamp() {
            return Optional.empty();
        }
    }

    /** OpenFeature's {@code track(eventName, context, details)}: what a unit did, with an optional value. */
    record Track(String event, String unit, OptionalDouble value, Optional<Instant> timestamp, String details)
            implements SentEvent {}
}
