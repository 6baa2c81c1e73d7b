package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gzip on every route for the clients that accept it, where a body is large enough for it to pay. */
class CompressionApiTest {

    private static final String SNAPSHOT = "/sdk/flags?environment=development";
    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip, deflate, br");

    private final TestApi api = new TestApi();

    @BeforeEach
    void enough_flags_for_a_large_answer() {
        for (int i = 0; i < 12; i++) {
            api.createColourFlag("banner-" + i);
        }
    }

    @Test
    void a_large_answer_is_gzipped_for_a_client_that_accepts_gzip_and_holds_the_same_json() {
        TestApi.Reply plain = api.call("GET", "/flags", null, Map.of());
        TestApi.Reply gzipped = api.call("GET", "/flags", null, GZIP);

        assertThat(plain.body().length).isGreaterThanOrEqualTo(Compression.MIN_BYTES);
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 3);
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
        assertThat(gzipped.json()).isEqualTo(plain.json());
    }

    @Test
    void a_client_that_does_not_accept_gzip_gets_the_plain_body_which_still_says_it_varies() {
        for (String refusing : new String[] {"identity", "br", "gzip;q=0", "*;q=0", "gzip; q=0.0, br", "gzip;q=x"}) {
            TestApi.Reply reply = api.call("GET", "/flags", null, Map.of("Accept-Encoding", refusing));

            assertThat(reply.header("Content-Encoding")).as(refusing).isNull();
            assertThat(reply.header("Vary")).as(refusing).isEqualTo("Accept-Encoding");
            assertThat(reply.json().isArray() || reply.json().isObject()).isTrue();
        }
        assertThat(api.call("GET", "/flags").header("Content-Encoding")).isNull();
    }

    @Test
    void any_coding_or_gzip_with_a_weight_above_zero_gets_gzip() {
        for (String accepting : new String[] {"*", "GZIP;q=0.5", "br;q=1, gzip;q=0.1", "x-gzip", "identity, *;q=0.3"}) {
            assertThat(api.call("GET", "/flags", null, Map.of("Accept-Encoding", accepting))
                            .header("Content-Encoding"))
                    .as(accepting)
                    .isEqualTo("gzip");
        }
    }

    @Test
    void a_small_answer_is_never_compressed_and_does_not_vary() {
        TestApi.Reply single =
                api.callAnonymously("GET", "/evaluate/banner-1?environment_key=development&user_id=u1", null, GZIP);

        assertThat(single.status()).isEqualTo(200);
        assertThat(single.header("Content-Encoding")).isNull();
        assertThat(single.header("Vary")).isNull();
    }

    @Test
    void a_bulk_evaluation_is_gzipped_too() {
        TestApi.Reply bulk = api.callAnonymously(
                "POST", "/evaluate", "{\"environment\":\"development\",\"context\":{\"targetingKey\":\"u1\"}}", GZIP);

        assertThat(bulk.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(bulk.json().path("flags")).hasSize(12);
    }

    @Test
    void the_gzipped_snapshots_etag_is_weak_and_if_none_match_with_either_form_gets_304() {
        TestApi.Reply plain = api.callAnonymously("GET", SNAPSHOT, null);
        TestApi.Reply gzipped = api.callAnonymously("GET", SNAPSHOT, null, GZIP);

        assertThat(plain.header("ETag")).startsWith("\"");
        assertThat(gzipped.header("ETag")).isEqualTo("W/" + plain.header("ETag"));
        assertThat(gzipped.json()).isEqualTo(plain.json());
        for (String held : new String[] {plain.header("ETag"), gzipped.header("ETag")}) {
            TestApi.Reply unchanged = api.callAnonymously(
                    "GET", SNAPSHOT, null, Map.of("If-None-Match", held, "Accept-Encoding", "gzip"));

            assertThat(unchanged.status()).isEqualTo(304);
            assertThat(unchanged.body()).isEmpty();
            assertThat(unchanged.header("ETag")).isEqualTo(gzipped.header("ETag"));
            assertThat(unchanged.header("Vary")).isEqualTo("Accept-Encoding");
        }
        TestApi.Reply plainUnchanged =
                api.callAnonymously("GET", SNAPSHOT, null, Map.of("If-None-Match", gzipped.header("ETag")));
        assertThat(plainUnchanged.status()).isEqualTo(304);
        assertThat(plainUnchanged.header("ETag")).isEqualTo(plain.header("ETag"));
    }

    @Test
    void the_snapshots_bytes_are_built_once_per_version_and_again_after_a_change() {
        byte[] first = api.callAnonymously("GET", SNAPSHOT, null, GZIP).body();
        byte[] second = api.callAnonymously("GET", SNAPSHOT, null, GZIP).body();
        assertThat(second).isSameAs(first);

        api.toggle("banner-3", "development", true);
        TestApi.Reply changed = api.callAnonymously("GET", SNAPSHOT, null, GZIP);

        assertThat(changed.body()).isNotEqualTo(first);
        assertThat(changed.json()
                        .path("flags")
                        .valueStream()
                        .filter(flag -> flag.path("key").asText().equals("banner-3"))
                        .map(flag -> flag.path("config").path("enabled").asBoolean()))
                .containsExactly(true);
    }

    @Test
    void head_says_the_length_of_the_gzipped_body_get_would_send() {
        int gzipped = api.callAnonymously("GET", SNAPSHOT, null, GZIP).body().length;

        TestApi.Reply head = api.callAnonymously("HEAD", SNAPSHOT, null, GZIP);

        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(gzipped));
    }

    @Test
    void an_allowed_origin_varies_by_origin_as_well() {
        TestApi cors =
                new TestApi(new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, true, Set.of("https://app.example")));
        for (int i = 0; i < 12; i++) {
            cors.createColourFlag("banner-" + i);
        }

        TestApi.Reply reply =
                cors.call("GET", "/flags", null, Map.of("Accept-Encoding", "gzip", "Origin", "https://app.example"));

        assertThat(reply.header("Vary")).isEqualTo("Accept-Encoding, Origin");
    }

    private static byte[] gunzip(byte[] gzipped) {
        try {
            return new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("not gzip", e);
        }
    }
}
