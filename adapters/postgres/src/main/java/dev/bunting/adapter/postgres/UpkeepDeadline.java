package dev.bunting.adapter.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When upkeep stops starting work: a refresh of one experiment's rollups that has begun runs to its end, and those not
 * begun keep their stale marks for the next run. Upkeep runs under a time limit its caller knows (a Lambda function's
 * timeout, a timer's period), and a backlog of stale rollups must not make it overrun that limit.
 *
 * @param at    the instant from which nothing new starts
 * @param clock what tells the time now
 */
public record UpkeepDeadline(Instant at, Clock clock) {

    /** Upkeep that may take as long as it needs: for a caller that runs it to the end, as tests and tools do. */
    public static UpkeepDeadline none() {
        return new UpkeepDeadline(Instant.MAX, Clock.systemUTC());
    }

    /** Starts nothing once {@code budget} has passed from now. */
    public static UpkeepDeadline after(Duration budget, Clock clock) {
        return new UpkeepDeadline(clock.instant().plus(budget), clock);
    }

    boolean passed() {
        return !clock.instant().isBefore(at);
    }
}
