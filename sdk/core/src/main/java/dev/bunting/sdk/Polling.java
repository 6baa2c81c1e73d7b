package dev.bunting.sdk;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Refetches the flag set every poll interval with {@code If-None-Match}, and after failures with backoff. */
final class Polling {

    private final BuntingClient client;
    private final ScheduledExecutorService scheduler;
    private final BuntingOptions options;
    private int failures;

    Polling(BuntingClient client, ScheduledExecutorService scheduler, BuntingOptions options) {
        this.client = client;
        this.scheduler = scheduler;
        this.options = options;
    }

    void start(Duration firstDelay) {
        schedule(firstDelay);
    }

    private void poll() {
        if (client.isClosed() || client.status() == ClientStatus.FATAL) {
            return;
        }
        boolean answered = client.refreshFromServer(options.requestTimeout());
        failures = answered ? 0 : failures + 1;
        if (client.status() != ClientStatus.FATAL) {
            schedule(answered ? options.pollInterval() : Backoff.after(failures, cap()));
        }
    }

    private Duration cap() {
        return options.maxBackoff().compareTo(options.pollInterval()) < 0
                ? options.maxBackoff()
                : options.pollInterval();
    }

    private void schedule(Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
