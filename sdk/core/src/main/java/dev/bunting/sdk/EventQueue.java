package dev.bunting.sdk;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exposures and tracked events on their way to {@code POST /events}: a bounded queue that drops and counts when full
 * rather than slow an evaluation, sent in batches of at most {@value #BATCH} with an {@code Idempotency-Key} that a
 * retry of the same batch reuses, so the server stores a batch once however often it is sent.
 */
final class EventQueue {

    /** The server takes at most 500 events a batch. */
    static final int BATCH = 500;

    private static final int ATTEMPTS = 3;
    /** Exposures remembered for deduplication; past this the memory is cleared, and the server deduplicates. */
    private static final int REMEMBERED_EXPOSURES = 50_000;

    /** Sends one batch: the HTTP status, or an exception when no answer came. */
    interface Sender {
        int send(String body, String idempotencyKey, Duration timeout) throws IOException;
    }

    private final BlockingQueue<Map<String, Object>> queue;
    private final Sender sender;
    private final String environment;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Set<String> exposed = ConcurrentHashMap.newKeySet();
    private final ReentrantLock flushing = new ReentrantLock();

    EventQueue(int capacity, Sender sender, String environment, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.environment = environment;
        this.clock = clock;
    }

    /** Queues an exposure unless this process already reported the unit seeing this variant. */
    void exposure(String flag, String variant, String unit) {
        String seen = flag + '\u0000' + variant + '\u0000' + unit;
        if (exposed.size() >= REMEMBERED_EXPOSURES) {
            exposed.clear();
        }
        if (!exposed.add(seen)) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "exposure");
        event.put("flag", flag);
        event.put("variant", variant);
        event.put("unit", unit);
        event.put("timestamp", clock.instant().toString());
        offer(event);
    }

    void track(String eventName, String unit, Double value, Map<String, ?> details) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "track");
        event.put("event", eventName);
        event.put("unit", unit);
        if (value != null) {
            event.put("value", value);
        }
        if (details != null && !details.isEmpty()) {
            event.put("details", details);
        }
        event.put("timestamp", clock.instant().toString());
        offer(event);
    }

    private void offer(Map<String, Object> event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    long dropped() {
        return dropped.get();
    }

    long sent() {
        return sent.get();
    }

    int pending() {
        return queue.size();
    }

    /**
     * Sends everything queued, batch by batch, within {@code deadline}; a batch that cannot be sent goes back to the
     * queue (as much of it as fits) for the next flush. Returns whether the queue was emptied.
     */
    boolean flush(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        flushing.lock();
        try {
            while (!queue.isEmpty()) {
                List<Map<String, Object>> batch = new ArrayList<>(Math.min(BATCH, queue.size()));
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    return true;
                }
                if (!send(batch, end)) {
                    for (Map<String, Object> event : batch) {
                        offer(event);
                    }
                    return false;
                }
            }
            return true;
        } finally {
            flushing.unlock();
        }
    }

    private boolean send(List<Map<String, Object>> batch, long end) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (environment != null) {
            body.put("environment", environment);
        }
        body.put("events", batch);
        String json = Json.write(body);
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                int status = sender.send(json, idempotencyKey, Duration.ofNanos(left));
                if (status >= 200 && status < 300) {
                    sent.addAndGet(batch.size());
                    return true;
                }
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    // the server will refuse this batch however often it is sent: drop it, counted
                    dropped.addAndGet(batch.size());
                    return true;
                }
            } catch (IOException e) {
                // retried below with the same key, so a batch stored before the answer was lost is not doubled
            }
        }
        return false;
    }
}
