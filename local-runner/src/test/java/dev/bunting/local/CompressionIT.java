package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gzip over real HTTP: Undertow sends the bytes and headers the shared API chose, to clients that accept gzip. */
class CompressionIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        token = server.signIn(TestServer.ADMIN);
        for (int i = 0; i < 12; i++) {
            server.asAdmin("POST", "/flags", "{\"key\":\"compressed-" + i + "\"}");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_snapshot_is_gzipped_for_a_client_that_accepts_gzip_and_plain_for_one_that_does_not() throws Exception {
        HttpResponse<byte[]> plain = get("/sdk/flags?environment=production", null, null);
        HttpResponse<byte[]> gzipped = get("/sdk/flags?environment=production", "gzip", null);

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(gzipped.headers().firstValueAsLong("Content-Length")).hasValue(gzipped.body().length);
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 3);

        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> unchanged = get("/sdk/flags?environment=production", "gzip", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void a_management_listing_is_gzipped_too_and_a_zero_weight_refuses_it() throws Exception {
        assertThat(get("/flags", "br, gzip;q=0.8", null).headers().firstValue("Content-Encoding"))
                .hasValue("gzip");
        assertThat(get("/flags", "gzip;q=0", null).headers().firstValue("Content-Encoding"))
                .isEmpty();
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + token);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
    }
}
