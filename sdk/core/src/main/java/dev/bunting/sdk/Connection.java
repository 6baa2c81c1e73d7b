package dev.bunting.sdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The SDK's HTTP calls to its server, on the JDK's {@link HttpURLConnection}: it blocks the calling thread and starts
 * none of its own (the JDK's {@code java.net.http.HttpClient} always starts a selector thread), which
 * {@link SyncMode#NO_THREADS} requires. In that mode requests also ask the server to close the connection, since a
 * kept-alive connection would start the JDK's keep-alive timer thread.
 */
final class Connection {

    private final URI baseUri;
    private final String key;
    private final String environmentQuery;
    private final int timeoutMillis;
    private final int streamTimeoutMillis;
    private final boolean closeAfterEach;

    Connection(BuntingOptions options) {
        this.baseUri = options.baseUri();
        this.key = options.sdkKey().orElse(null);
        this.environmentQuery = options.environment()
                .map(e -> "?environment=" + URLEncoder.encode(e, StandardCharsets.UTF_8))
                .orElse("");
        this.timeoutMillis = millis(options.requestTimeout());
        this.streamTimeoutMillis = millis(options.streamReadTimeout());
        this.closeAfterEach = options.mode() == SyncMode.NO_THREADS;
    }

    /** What a fetch of the flag set came to. */
    sealed interface Fetch {
        record Fetched(String body, String etag) implements Fetch {}

        record NotModified() implements Fetch {}

        /** 401 or 403: the key is wrong, revoked, client-side, or for another environment. */
        record Refused(int status) implements Fetch {}

        record Failed(String reason) implements Fetch {}
    }

    /** {@code GET /sdk/flags}, conditional on {@code etag} when there is one. */
    Fetch fetch(String etag, Duration timeout) {
        HttpURLConnection http = null;
        try {
            http = open("/sdk/flags" + environmentQuery, millis(timeout));
            http.setRequestProperty("Accept", "application/json");
            if (etag != null) {
                http.setRequestProperty("If-None-Match", etag);
            }
            int status = http.getResponseCode();
            if (status == 304) {
                drain(http);
                return new Fetch.NotModified();
            }
            if (status == 401 || status == 403) {
                drain(http);
                return new Fetch.Refused(status);
            }
            if (status != 200) {
                drain(http);
                return new Fetch.Failed("GET /sdk/flags answered " + status);
            }
            try (InputStream body = http.getInputStream()) {
                return new Fetch.Fetched(
                        new String(body.readAllBytes(), StandardCharsets.UTF_8), http.getHeaderField("ETag"));
            }
        } catch (IOException e) {
            return new Fetch.Failed("GET /sdk/flags failed: " + e);
        } finally {
            if (http != null && closeAfterEach) {
                http.disconnect();
            }
        }
    }

    /** {@code POST /events}; the status, or an exception when no answer came. */
    int postEvents(String body, String idempotencyKey, Duration timeout) throws IOException {
        HttpURLConnection http = open("/events", millis(timeout));
        try {
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            http.setRequestProperty("Idempotency-Key", idempotencyKey);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            http.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = http.getOutputStream()) {
                out.write(bytes);
            }
            int status = http.getResponseCode();
            drain(http);
            return status;
        } finally {
            if (closeAfterEach) {
                http.disconnect();
            }
        }
    }

    /** An open {@code GET /sdk/stream}, read line by line; {@link #close()} from another thread ends a read. */
    static final class Stream implements AutoCloseable {
        private final HttpURLConnection http;
        private final BufferedReader lines;

        private Stream(HttpURLConnection http, BufferedReader lines) {
            this.http = http;
            this.lines = lines;
        }

        /** The next line, or null when the server ended the stream. */
        String readLine() throws IOException {
            return lines.readLine();
        }

        @Override
        public void close() {
            http.disconnect();
        }
    }

    /** Thrown when the stream is answered with a status other than 200, such as 501 on AWS Lambda. */
    static final class StreamRefused extends IOException {
        private final int status;

        StreamRefused(int status) {
            super("GET /sdk/stream answered " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    Stream openStream(String lastEventId) throws IOException {
        HttpURLConnection http = open("/sdk/stream" + environmentQuery, streamTimeoutMillis);
        http.setRequestProperty("Accept", "text/event-stream");
        if (lastEventId != null) {
            http.setRequestProperty("Last-Event-ID", lastEventId);
        }
        int status = http.getResponseCode();
        if (status != 200) {
            drain(http);
            http.disconnect();
            throw new StreamRefused(status);
        }
        return new Stream(
                http, new BufferedReader(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8)));
    }

    private HttpURLConnection open(String pathAndQuery, int readTimeoutMillis) throws IOException {
        HttpURLConnection http =
                (HttpURLConnection) URI.create(baseUri + pathAndQuery).toURL().openConnection();
        http.setConnectTimeout(timeoutMillis);
        http.setReadTimeout(readTimeoutMillis);
        http.setUseCaches(false);
        http.setRequestProperty("User-Agent", "bunting-java-sdk");
        if (key != null) {
            http.setRequestProperty("X-API-Key", key);
        }
        if (closeAfterEach) {
            http.setRequestProperty("Connection", "close");
        }
        return http;
    }

    /** Reads what is left of a response, so that a kept-alive connection can be reused. */
    private static void drain(HttpURLConnection http) {
        try (InputStream body = http.getResponseCode() >= 400 ? http.getErrorStream() : http.getInputStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        } catch (IOException e) {
            // nothing left to reuse; the next request opens a new connection
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
