package dev.bunting.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of a {@code text/event-stream} response over real HTTP, as an SDK would hold one: a thread of its own reads
 * the body line by line and parses it as the SSE specification says, and the test takes each event as it arrives.
 */
final class EventStreamClient implements AutoCloseable {

    /** An event as dispatched, with when its last line arrived ({@link System#nanoTime()}). */
    record Event(String id, String name, String data, long arrivedAt) {}

    /** What the reading thread hands over: an event, the retry hint, or the end of the body. */
    private sealed interface Frame {}

    private record Dispatched(Event event) implements Frame {}

    private record Retry(long millis) implements Frame {}

    private record Ended() implements Frame {}

    private final HttpResponse<InputStream> response;
    private final String refusal;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile long retryMillis = -1;

    private EventStreamClient(HttpResponse<InputStream> response, String refusal) {
        this.response = response;
        this.refusal = refusal;
    }

    static EventStreamClient open(HttpClient client, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    return new EventStreamClient(response, new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            EventStreamClient stream = new EventStreamClient(response, null);
            Thread.ofVirtual().name("event-stream-reader").start(stream::read);
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted opening " + uri, e);
        }
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** The body of a response that did not open a stream. */
    String refusal() {
        return refusal;
    }

    /** The next event, or null when none arrives within {@code timeout}; fails if the stream ends first. */
    Event nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Frame frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                switch (frame) {
                    case null -> {
                        return null;
                    }
                    case Dispatched dispatched -> {
                        return dispatched.event();
                    }
                    case Retry retry -> retryMillis = retry.millis();
                    case Ended ended -> throw new AssertionError("the stream ended while an event was awaited");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server ends the stream within {@code timeout}, events still unread being skipped. */
    boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Frame frame = frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                    frame != null;
                    frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (frame instanceof Ended) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The retry hint, in milliseconds, once {@link #nextEvent} has read past it; -1 before. */
    long retryMillis() {
        return retryMillis;
    }

    /** How many comment lines (heartbeats) have arrived. */
    int comments() {
        return comments.get();
    }

    /** Hangs up. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation, less what Bunting never sends. */
    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        frames.add(new Dispatched(
                                new Event(id, name == null ? "message" : name, data.toString(), System.nanoTime())));
                    }
                    name = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    comments.incrementAndGet();
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" ->
                        data = data == null
                                ? new StringBuilder(value)
                                : data.append('\n').append(value);
                    case "retry" -> frames.add(new Retry(Long.parseLong(value)));
                    default -> {}
                }
            }
        } catch (IOException e) {
            // hung up, by either side: the stream is over just the same
        }
        frames.add(new Ended());
    }
}
