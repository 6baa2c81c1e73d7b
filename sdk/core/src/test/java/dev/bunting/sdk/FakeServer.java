package dev.bunting.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a Bunting server's SDK routes, on loopback: it serves a flag set with its ETag (304 to a matching
 * If-None-Match), streams version events, records event batches, and can be told to fail or refuse.
 */
final class FakeServer implements AutoCloseable {

    record Batch(String body, String idempotencyKey, String apiKey) {}

    private final HttpServer server;
    private volatile FlagSets flagSet = FlagSets.flagSet();
    /** The status /sdk/flags answers with instead of the flag set, or 0 to serve it. */
    volatile int flagsStatus;
    /** The status /sdk/stream answers with instead of streaming, or 0 to stream. */
    volatile int streamStatus;
    /** How many event batches to fail with a 503 before storing them. */
    final AtomicInteger failingBatches = new AtomicInteger();

    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger notModified = new AtomicInteger();
    final List<Batch> batches = new CopyOnWriteArrayList<>();
    final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private final List<LinkedBlockingQueue<String>> streams = new CopyOnWriteArrayList<>();

    FakeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/sdk/flags", this::flags);
        server.createContext("/sdk/stream", this::stream);
        server.createContext("/events", this::events);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code next} from now on, and tells every open stream of its version. */
    void publish(FlagSets next) {
        flagSet = next;
        for (LinkedBlockingQueue<String> stream : streams) {
            stream.add(event(next));
        }
    }

    int openStreams() {
        return streams.size();
    }

    private void flags(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        if (flagsStatus != 0) {
            respond(exchange, flagsStatus, "{}");
            return;
        }
        FlagSets current = flagSet;
        exchange.getResponseHeaders().add("ETag", current.etag());
        if (current.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        respond(exchange, 200, current.body());
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (streamStatus != 0) {
            respond(exchange, streamStatus, "{}");
            return;
        }
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        lastEventIds.add(String.valueOf(lastEventId));
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        FlagSets current = flagSet;
        if (!current.version().equals(lastEventId)) {
            events.add(event(current));
        }
        streams.add(events);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("retry:3000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event == null) {
                    if (streamStatus != 0) {
                        return;
                    }
                    out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client hung up
        } finally {
            streams.remove(events);
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failingBatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            batches.add(new Batch("failed", exchange.getRequestHeaders().getFirst("Idempotency-Key"), null));
            respond(exchange, 503, "{}");
            return;
        }
        batches.add(new Batch(
                body,
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("X-API-Key")));
        respond(exchange, 202, "{\"accepted\":1}");
    }

    private static String event(FlagSets flagSet) {
        return "id:" + flagSet.version() + "\nevent:message\ndata:{\"type\":\"refetchEvaluation\",\"etag\":"
                + Json.write(flagSet.etag()) + "}\n\n";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        streamStatus = 503;
        server.stop(0);
    }
}
