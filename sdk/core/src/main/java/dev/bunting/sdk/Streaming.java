package dev.bunting.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Follows {@code GET /sdk/stream} on a thread of its own: each event names the flag set's version, and one the
 * client does not hold yet triggers a conditional refetch. On reconnecting it sends {@code Last-Event-ID}, so the
 * server says at once whether a version was missed. While the stream fails, every reconnection attempt also refetches
 * (so the client polls, with backoff capped at the poll interval); a 501 (AWS Lambda) hands over to {@link Polling}.
 */
final class Streaming implements Runnable {

    private final BuntingClient client;
    private final Connection connection;
    private final BuntingOptions options;
    private final Polling fallback;
    private volatile boolean stopped;
    private volatile Connection.Stream current;
    private volatile Thread thread;
    private String lastEventId;

    Streaming(BuntingClient client, Connection connection, BuntingOptions options, Polling fallback) {
        this.client = client;
        this.connection = connection;
        this.options = options;
        this.fallback = fallback;
    }

    void start() {
        Thread started = new Thread(this, "bunting-stream");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    void stop() {
        stopped = true;
        Connection.Stream stream = current;
        if (stream != null) {
            stream.close();
        }
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopped) {
            try (Connection.Stream stream = connection.openStream(lastEventId)) {
                current = stream;
                client.serverAnswered();
                if (follow(stream)) {
                    failures = 0;
                }
            } catch (Connection.StreamRefused e) {
                if (e.status() == 501) {
                    fallback.start(options.pollInterval());
                    return;
                }
                if (e.status() == 401 || e.status() == 403) {
                    client.refreshFromServer(options.requestTimeout());
                    if (client.status() == ClientStatus.FATAL) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the stream was lost: caught up below by a refetch, then reconnected
            } finally {
                current = null;
            }
            if (stopped) {
                return;
            }
            failures++;
            client.refreshFromServer(options.requestTimeout());
            if (!pause(Backoff.after(failures, cap()))) {
                return;
            }
        }
    }

    /** Reads events until the stream ends; whether any event arrived. */
    private boolean follow(Connection.Stream stream) throws IOException {
        boolean heard = false;
        String id = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = stream.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    heard = true;
                    onEvent(id, data.toString());
                }
                data.setLength(0);
                id = null;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        return heard;
    }

    private void onEvent(String id, String data) {
        String etag = null;
        try {
            if (Json.parse(data) instanceof Map<?, ?> event && event.get("etag") instanceof String text) {
                etag = text;
            }
        } catch (IllegalArgumentException e) {
            // an event this SDK cannot read still means something changed: refetch below
        }
        if (etag == null || !etag.equals(client.currentEtag())) {
            client.refreshFromServer(options.requestTimeout());
        }
        // a version is acknowledged only once held, so a reconnection after a failed refetch hears of it again
        if (id != null && (etag == null || etag.equals(client.currentEtag()))) {
            lastEventId = id;
        }
    }

    private Duration cap() {
        return options.maxBackoff().compareTo(options.pollInterval()) < 0
                ? options.maxBackoff()
                : options.pollInterval();
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
