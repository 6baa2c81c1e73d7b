package dev.bunting.sdk;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential waits with jitter after consecutive failures: half the wait fixed, half random, capped. */
final class Backoff {

    private static final long FIRST_MILLIS = 250;

    private Backoff() {}

    static Duration after(int failures, Duration cap) {
        long exponential = FIRST_MILLIS << Math.min(Math.max(failures - 1, 0), 20);
        long wait = Math.min(cap.toMillis(), exponential);
        long half = Math.max(1, wait / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
