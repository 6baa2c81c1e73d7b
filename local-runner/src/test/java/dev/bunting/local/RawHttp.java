package dev.bunting.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written and read byte by byte over a plain socket, for requests no well-behaved client would send: each
 * request goes out whole and the responses that come back are read until the server closes the connection.
 */
final class RawHttp {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {}

    /** One response as it came: status, headers by lower-case name, body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code request} and reads every response until the server closes the connection. */
    static String exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String exchange(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            // written from another thread, so that a server answering before it has read everything is heard
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(request);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // the server closed early: what it answered is what counts
                }
            });
            String received = readAll(socket.getInputStream());
            writer.join(READ_TIMEOUT_MILLIS);
            return received;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the server neither answered fully nor closed within " + READ_TIMEOUT_MILLIS + " ms; got: "
                            + received.toString(StandardCharsets.ISO_8859_1),
                    e);
        } catch (IOException e) {
            // reset after answering: keep what arrived
            if (received.size() == 0) {
                throw e;
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** The last response in what came back (an interim 100 Continue comes first). */
    static Response last(String received) {
        int start = received.lastIndexOf("HTTP/1.1 ");
        if (start < 0) {
            throw new AssertionError("no HTTP response in: '" + received + "'");
        }
        return parse(received.substring(start));
    }

    static Response parse(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? response : response.substring(0, headEnd);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = headEnd < 0 ? "" : response.substring(headEnd + 4);
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }
}
