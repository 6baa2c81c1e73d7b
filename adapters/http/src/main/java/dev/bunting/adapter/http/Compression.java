package dev.bunting.adapter.http;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for the clients that ask for it (Accept-Encoding), on bodies large enough for it to pay: under {@link #MIN_BYTES}
 * the header and the work cost more than the bytes saved. Every transport writes what this chose, so both runtimes
 * answer alike; the Lambda adapter sends a compressed body as base64, as API Gateway wants binary bodies.
 *
 * <p>Whether a body is large enough does not depend on the request, so every answer that could be compressed says
 * {@code Vary: Accept-Encoding}, compressed or not, and a shared cache keeps the two forms apart. A compressed answer's
 * ETag is made weak: its bytes differ from the plain form's, which a strong ETag would promise are the same, while
 * {@code If-None-Match} compares weakly and so still matches either form.
 */
final class Compression {

    /** About a network packet's payload: a smaller body already fits in one, compressed or not. */
    static final int MIN_BYTES = 1024;

    static final String GZIP = "gzip";
    private static final String VARY = "Vary";
    private static final String ACCEPT_ENCODING = "Accept-Encoding";

    private Compression() {}

    /** The response in the coding the request accepts, compressed now. */
    static ApiResponse negotiate(ApiRequest request, ApiResponse response) {
        return negotiate(request, response, () -> gzip(response.body(), Deflater.BEST_SPEED));
    }

    /**
     * The response in the coding the request accepts, with {@code gzipped} as its compressed body: a body served to
     * many callers is compressed once, and best, rather than on every request.
     */
    static ApiResponse negotiate(ApiRequest request, ApiResponse response, Supplier<byte[]> gzipped) {
        if (response.body().length < MIN_BYTES || response.headers().containsKey("Content-Encoding")) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        vary(headers, ACCEPT_ENCODING);
        if (!acceptsGzip(request)) {
            return new ApiResponse(response.status(), headers, response.body());
        }
        headers.put("Content-Encoding", GZIP);
        headers.computeIfPresent("ETag", (name, etag) -> weak(etag));
        return new ApiResponse(response.status(), headers, gzipped.get());
    }

    /**
     * A 304 for a body that would be compressed: it carries the same Vary and ETag as the 200 it stands for, in the
     * coding this request would have got.
     */
    static ApiResponse notModified(ApiRequest request, String etag) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", acceptsGzip(request) ? weak(etag) : etag);
        vary(headers, ACCEPT_ENCODING);
        return new ApiResponse(304, headers, new byte[0]);
    }

    /**
     * Whether Accept-Encoding lists gzip (or {@code *}) with a weight above zero. A request without the header gets
     * the plain body: RFC 9110 allows any coding then, but clients that send nothing rarely decompress.
     */
    static boolean acceptsGzip(ApiRequest request) {
        return request.header(ACCEPT_ENCODING)
                .map(header -> {
                    boolean any = false;
                    for (String element : header.split(",")) {
                        String[] parts = element.split(";");
                        String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                        boolean wanted = weight(parts) > 0;
                        if (coding.equals(GZIP) || coding.equals("x-gzip")) {
                            return wanted;
                        }
                        if (coding.equals("*")) {
                            any = wanted;
                        }
                    }
                    return any;
                })
                .orElse(false);
    }

    /** gzip of {@code body} at {@code level}, one of {@link Deflater}'s. */
    static byte[] gzip(byte[] body, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gzip = new LeveledGzip(out, level)) {
            gzip.write(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    /** The q parameter's value, 1 when there is none; a malformed one counts as 0, so that it never forces gzip. */
    private static double weight(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** Adds {@code header} to the response's Vary, once however often it is added. */
    static void vary(Map<String, String> headers, String header) {
        headers.merge(VARY, header, (existing, added) -> {
            for (String listed : existing.split(",")) {
                if (listed.strip().equalsIgnoreCase(added)) {
                    return existing;
                }
            }
            return existing + ", " + added;
        });
    }

    private static String weak(String etag) {
        return etag.startsWith("W/") ? etag : "W/" + etag;
    }

    /** GZIPOutputStream at a chosen level: its own constructor only takes the default. */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(ByteArrayOutputStream out, int level) throws java.io.IOException {
            super(out, 8192);
            def.setLevel(level);
        }
    }
}
