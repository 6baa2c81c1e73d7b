package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;

/** A tracking event's name, such as {@code checkout-completed}: what metrics are defined on. 1–200 characters. */
public record EventName(String value) {

    public static final int MAX_LENGTH = 200;

    public EventName {
        Checks.requireText("event", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
