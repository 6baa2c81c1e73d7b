package dev.bunting.domain.flag;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Reads the instants that {@link Operator#BEFORE} and {@link Operator#AFTER} compare: ISO-8601 text with an offset, or epoch milliseconds. */
public final class Timestamps {

    private Timestamps() {}

    public static Optional<Instant> parse(Object value) {
        try {
            return switch (value) {
                case String text
                when text.length() <= 64 ->
                    Optional.of(OffsetDateTime.parse(text).toInstant());
                case BigDecimal millis -> Optional.of(Instant.ofEpochMilli(millis.longValueExact()));
                case Long millis -> Optional.of(Instant.ofEpochMilli(millis));
                case Integer millis -> Optional.of(Instant.ofEpochMilli(millis));
                case null, default -> Optional.empty();
            };
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
