package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The local runner's HTTP edge under requests no well-behaved client sends, over real sockets: malformed and oversize
 * requests get a problem+json answer and never a 5xx, every GET route answers HEAD, every route answers a CORS
 * preflight, every answer says nosniff and no-store, silent connections are closed, and one client holding thousands
 * of idle connections does not stop another from being served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileEdgeIT {

    private static final String ORIGIN = "https://app.example.com";
    private static final String OTHER_ORIGIN = "https://evil.example.net";
    private static final String EVALUATION = "/evaluate/checkout?environment_key=staging&user_id=alice";
    private static final int MAX_BODY = 1024 * 1024;

    private TestServer server;
    private int port;
    private String adminToken;

    @BeforeAll
    void start() {
        server = TestServer.start(new HttpEdge(
                Set.of(ORIGIN), 10_000, 256, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)));
        port = URI.create(server.baseUrl()).getPort();
        adminToken = server.signIn(TestServer.ADMIN);
        server.asAdmin("POST", "/flags", "{\"key\":\"checkout\"}");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // --- malformed and oversize requests: 400 or 413 problem+json, never an empty body or a 5xx

    @Test
    void a_path_with_bad_percent_encoding_gets_a_400_problem() {
        isProblem(raw("GET /flags/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void a_query_with_bad_percent_encoding_gets_a_400_problem() {
        isProblem(
                raw(
                        "GET /evaluate/checkout?environment_key=%zz&user_id=%C3 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400);
    }

    @Test
    void a_path_with_unescaped_characters_gets_a_400_problem() {
        isProblem(raw("GET /flags/a\"b<c>\u00e9 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void a_nul_in_a_header_gets_a_400_problem() {
        isProblem(
                raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Probe: a\u0000b\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void too_many_headers_get_a_400_problem() {
        StringBuilder request = new StringBuilder("GET /health HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 300; i++) {
            request.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
        }
        isProblem(raw(request.append("Connection: close\r\n\r\n").toString()), 400);
    }

    @Test
    void a_request_line_that_is_not_http_gets_a_400_problem() {
        isProblem(raw("THIS IS NOT HTTP\r\n\r\n"), 400);
    }

    /**
     * Undertow's chunk parser closes the connection itself when chunking is malformed, before any handler can answer
     * (see UndertowTransport.BodyReader); what can be held is that nothing answers with a 5xx and the server carries on.
     */
    @Test
    void malformed_chunking_closes_the_connection_without_a_5xx() {
        String received = RawHttp.exchange(
                port,
                "POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        if (!received.isEmpty()) {
            isProblem(RawHttp.last(received), 400);
        }
        assertThat(raw("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_chunked_body_over_the_limit_gets_a_413_problem() {
        byte[] head =
                ("POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                + "Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        StringBuilder chunks = new StringBuilder();
        String chunk = "x".repeat(64 * 1024);
        for (int sent = 0; sent <= 3 * MAX_BODY; sent += chunk.length()) {
            chunks.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        isProblem(
                RawHttp.last(
                        RawHttp.exchange(port, concat(head, chunks.toString().getBytes(StandardCharsets.US_ASCII)))),
                413);
    }

    @Test
    void a_body_said_to_be_over_the_limit_gets_a_413_problem_whether_sent_or_not() {
        String head = "POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + (3 * MAX_BODY) + "\r\nConnection: close\r\n\r\n";
        isProblem(raw(head), 413);
        isProblem(
                RawHttp.last(RawHttp.exchange(
                        port, concat(head.getBytes(StandardCharsets.US_ASCII), new byte[3 * MAX_BODY]))),
                413);
    }

    @Test
    void a_body_just_over_the_limit_gets_a_413_problem_and_one_at_the_limit_reaches_the_api() {
        String over = "{\"environment\":\"staging\",\"context\":{\"targetingKey\":\"" + "a".repeat(MAX_BODY) + "\"}}";
        isProblem(server.send("POST", "/evaluate", over, null));
        String evaluation = "{\"environment\":\"staging\",\"context\":{\"targetingKey\":\"alice\"}}";
        String atLimit = evaluation + " ".repeat(MAX_BODY - evaluation.length());
        assertThat(atLimit.length()).isEqualTo(MAX_BODY);
        assertThat(server.send("POST", "/evaluate", atLimit, null).status()).isNotEqualTo(413);
    }

    @Test
    void expect_100_continue_is_answered_before_the_body_is_sent() throws IOException {
        String body = "{\"environment\":\"staging\",\"context\":{\"targetingKey\":\"alice\"}}";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /evaluate/checkout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length() + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(in.readLine()).isEmpty();
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void expect_100_continue_with_a_body_over_the_limit_gets_a_413_problem_at_once() {
        isProblem(
                raw("POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + (3 * MAX_BODY) + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"),
                413);
    }

    @Test
    void a_long_hostile_path_is_echoed_only_as_a_short_escaped_prefix() {
        String hostile = "/%3Cscript%3Ealert(1)%3C/script%3E" + "a".repeat(5000);
        TestServer.Reply reply = server.send("GET", hostile, null, null).isProblem(404);
        assertThat(reply.text("instance"))
                .hasSizeLessThanOrEqualTo(103)
                .startsWith("/%3Cscript%3E")
                .endsWith("...");
        assertThat(reply.body()).hasSizeLessThan(1000).doesNotContain("a".repeat(200));
        RawHttp.Response rawReply = raw("GET /" + "\u007f".repeat(50) + "b".repeat(3000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(rawReply.status()).isBetween(400, 499);
        assertThat(rawReply.body()).hasSizeLessThan(1000).doesNotContain("\u007f");
    }

    @Test
    void a_request_while_the_server_shuts_down_gets_a_503_problem() throws Exception {
        TestServer closing = TestServer.start(HttpEdge.STANDARD);
        int closingPort = URI.create(closing.baseUrl()).getPort();
        try (Socket inFlight = connect(closing)) {
            // a request whose body is still to come holds the shutdown open; 100 Continue says it has begun
            inFlight.getOutputStream()
                    .write(("POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 100\r\nExpect: 100-continue\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            inFlight.setSoTimeout(5_000);
            assertThat(new BufferedReader(new InputStreamReader(inFlight.getInputStream(), StandardCharsets.ISO_8859_1))
                            .readLine())
                    .isEqualTo("HTTP/1.1 100 Continue");
            Thread closer = Thread.ofVirtual().start(closing::close);
            RawHttp.Response health;
            do {
                health = RawHttp.last(RawHttp.exchange(
                        closingPort, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            } while (health.status() == 200);
            isProblem(health, 503);
            assertThat(health.header("Retry-After")).isEqualTo("1");
            inFlight.close();
            closer.join();
        }
    }

    // --- HEAD on every GET route

    @TestFactory
    Stream<DynamicTest> every_get_route_answers_head_as_get_without_the_body() {
        return routes().stream()
                .filter(route -> route.startsWith("GET "))
                .map(route -> DynamicTest.dynamicTest(route, () -> {
                    String path =
                            concrete(route.substring(4)) + "?environment=staging&environment_key=staging&user_id=alice";
                    TestServer.Reply get = server.send("GET", path, null, adminToken);
                    TestServer.Reply head = server.send("HEAD", path, null, adminToken);
                    assertThat(head.status())
                            .as(route + " " + get.body())
                            .isEqualTo(get.status())
                            .isLessThan(500);
                    assertThat(head.body()).isEmpty();
                    assertThat(head.headers().firstValue("Content-Type"))
                            .isEqualTo(get.headers().firstValue("Content-Type"));
                    if (!route.equals("GET /sdk/stream")) {
                        assertThat(head.headers().firstValue("Content-Length"))
                                .hasValue(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length));
                    }
                    assertThat(head.headers().firstValue("X-Content-Type-Options"))
                            .hasValue("nosniff");
                    assertThat(get.headers().firstValue("X-Content-Type-Options"))
                            .hasValue("nosniff");
                }));
    }

    // --- CORS

    @TestFactory
    Stream<DynamicTest> every_route_answers_a_preflight_from_an_allowed_origin() {
        return routes().stream()
                .map(route -> DynamicTest.dynamicTest(route, () -> {
                    String method = route.substring(0, route.indexOf(' '));
                    HttpResponse<String> reply =
                            preflight(concrete(route.substring(method.length() + 1)), ORIGIN, method);
                    assertThat(reply.statusCode()).isEqualTo(204);
                    assertThat(reply.headers().firstValue("Access-Control-Allow-Origin"))
                            .hasValue(ORIGIN);
                    assertThat(reply.headers()
                                    .firstValue("Access-Control-Allow-Methods")
                                    .orElseThrow()
                                    .split(", "))
                            .contains(method);
                    assertThat(reply.headers()
                                    .firstValue("Access-Control-Allow-Headers")
                                    .orElseThrow()
                                    .split(", "))
                            .contains(
                                    "Authorization",
                                    "Content-Type",
                                    "X-API-Key",
                                    "X-SDK-Key",
                                    "If-Match",
                                    "If-None-Match",
                                    "Last-Event-ID");
                    assertThat(reply.headers().firstValue("Access-Control-Max-Age"))
                            .isPresent();
                    assertThat(reply.headers().allValues("Vary")).contains("Origin");
                    assertThat(reply.headers().firstValue("X-Content-Type-Options"))
                            .hasValue("nosniff");
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_route_answers_a_preflight_from_another_origin_without_allowing_it() {
        return routes().stream()
                .map(route -> DynamicTest.dynamicTest(route, () -> {
                    String method = route.substring(0, route.indexOf(' '));
                    HttpResponse<String> reply =
                            preflight(concrete(route.substring(method.length() + 1)), OTHER_ORIGIN, method);
                    assertThat(reply.statusCode()).isEqualTo(204);
                    assertThat(reply.headers().firstValue("Access-Control-Allow-Origin"))
                            .isEmpty();
                    assertThat(reply.headers().firstValue("Access-Control-Allow-Methods"))
                            .isEmpty();
                    assertThat(reply.headers().firstValue("Allow").orElseThrow().split(", "))
                            .contains(method, "OPTIONS");
                }));
    }

    @Test
    void a_browser_on_an_allowed_origin_can_evaluate_stream_and_manage_and_read_the_etag() throws Exception {
        String sdkKey = server.asAdmin(
                        "POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"staging\"}")
                .text("key");

        HttpResponse<String> evaluation = fromOrigin(
                ORIGIN,
                "POST",
                "/ofrep/v1/evaluate/flags/checkout?environment=staging",
                "{\"context\":{\"targetingKey\":\"alice\"}}",
                Map.of());
        HttpResponse<String> management =
                fromOrigin(ORIGIN, "GET", "/flags/checkout", null, Map.of("Authorization", "Bearer " + adminToken));
        HttpResponse<String> refused = fromOrigin(
                OTHER_ORIGIN, "GET", "/flags/checkout", null, Map.of("Authorization", "Bearer " + adminToken));

        assertThat(evaluation.statusCode()).isEqualTo(200);
        assertThat(evaluation.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(ORIGIN);
        assertThat(management.statusCode()).isEqualTo(200);
        assertThat(management.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(ORIGIN);
        assertThat(management
                        .headers()
                        .firstValue("Access-Control-Expose-Headers")
                        .orElseThrow()
                        .split(", "))
                .contains("ETag", "Retry-After", "Location");
        assertThat(management.headers().allValues("Vary")).contains("Origin");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        try (EventStreamClient stream = server.stream("/sdk/stream?key=" + sdkKey, Map.of("Origin", ORIGIN))) {
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue(ORIGIN);
        }
    }

    // --- headers on every answer

    @Test
    void every_kind_of_answer_says_nosniff_and_no_store() {
        List<TestServer.Reply> replies = List.of(
                server.login(TestServer.ADMIN, TestServer.PASSWORD),
                server.send("GET", "/auth/me", null, adminToken),
                server.send(
                        "POST",
                        "/keys",
                        "{\"name\":\"nosniff\",\"kind\":\"sdk\",\"environment\":\"staging\"}",
                        adminToken),
                server.send("GET", EVALUATION, null, null),
                server.send("GET", "/sdk/flags?environment=staging", null, null),
                server.send("GET", "/flags", null, null),
                server.send("GET", "/no/such/route", null, null));
        for (TestServer.Reply reply : replies) {
            assertThat(reply.headers().firstValue("X-Content-Type-Options"))
                    .as(reply.body())
                    .hasValue("nosniff");
            assertThat(reply.headers().firstValue("Cache-Control"))
                    .as(reply.body())
                    .hasValue("no-store");
        }
        RawHttp.Response unparsable = raw("NOT HTTP\r\n\r\n");
        assertThat(unparsable.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(unparsable.header("Cache-Control")).isEqualTo("no-store");
    }

    // --- silent and slow connections

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class With_short_timeouts {

        private static final Duration HEADERS = Duration.ofSeconds(1);
        private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
        private static final Duration READ = Duration.ofSeconds(2);
        private TestServer quick;

        @BeforeAll
        void start() {
            quick = TestServer.start(new HttpEdge(Set.of(), 10_000, 256, HEADERS, KEEP_ALIVE, READ));
        }

        @AfterAll
        void stop() {
            quick.close();
        }

        @Test
        void a_connection_that_never_sends_a_request_is_closed() throws IOException {
            try (Socket socket = connect(quick)) {
                assertClosedWithin(socket, KEEP_ALIVE.plusSeconds(3));
            }
        }

        @Test
        void a_kept_alive_connection_that_sends_no_next_request_is_closed() throws IOException {
            try (Socket socket = connect(quick)) {
                socket.getOutputStream()
                        .write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new BufferedReader(
                                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                                .readLine())
                        .isEqualTo("HTTP/1.1 200 OK");
                assertClosedWithin(socket, KEEP_ALIVE.plusSeconds(3));
            }
        }

        @Test
        void headers_that_stop_arriving_close_the_connection() throws IOException {
            try (Socket socket = connect(quick)) {
                socket.getOutputStream()
                        .write("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                                .getBytes(StandardCharsets.US_ASCII));
                assertClosedWithin(socket, HEADERS.plusSeconds(3));
            }
        }

        @Test
        void a_body_that_stops_arriving_closes_the_connection() throws IOException {
            try (Socket socket = connect(quick)) {
                socket.getOutputStream()
                        .write(("POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: 100\r\n\r\n{\"environ")
                                .getBytes(StandardCharsets.US_ASCII));
                assertClosedWithin(socket, READ.plusSeconds(3));
            }
        }

        @Test
        void an_open_event_stream_is_not_cut_by_the_read_or_keep_alive_timeouts_even_between_heartbeats() {
            try (EventStreamClient stream = quick.stream("/sdk/stream?environment=staging", Map.of())) {
                assertThat(stream.endsWithin(READ.multipliedBy(2))).isFalse();
                assertThat(quick.openStreams()).isEqualTo(1);
            }
        }

        @Test
        void no_origin_is_allowed_by_default() {
            HttpResponse<String> reply = preflight(quick, "/health", ORIGIN, "GET");
            assertThat(reply.statusCode()).isEqualTo(204);
            assertThat(reply.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }

    // --- a flood of idle connections

    /**
     * Two other processes, each from its own loopback address, open idle connections until together they hold more
     * than the server's file descriptors (within their own limits and 60 s); meanwhile this process, from 127.0.0.1,
     * checks on a new connection each time that /health and an evaluation answer, and how long /health takes.
     */
    @Test
    void a_client_holding_thousands_of_idle_connections_does_not_stop_another_from_being_served() throws Exception {
        long descriptors = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        int perFlood = (int) Math.min(descriptors * 6 / 10, 15_000);
        List<Process> floods = List.of(flood("127.0.0.2", perFlood), flood("127.0.0.3", perFlood));
        List<Long> healthMillis = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (floods.stream().anyMatch(Process::isAlive) && System.nanoTime() < deadline) {
                long started = System.nanoTime();
                RawHttp.Response health = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                healthMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                RawHttp.Response evaluation =
                        raw("GET " + EVALUATION + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertThat(health.status()).isEqualTo(200);
                assertThat(evaluation.status()).as(evaluation.body()).isEqualTo(200);
                Thread.sleep(50);
            }
            List<String> opened = new ArrayList<>();
            for (Process flood : floods) {
                assertThat(flood.waitFor(30, TimeUnit.SECONDS)).isTrue();
                opened.add(new String(flood.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            assertThat(healthMillis).isNotEmpty();
            List<Long> sorted = healthMillis.stream().sorted().toList();
            System.out.printf(
                    "connection flood: %s (fd limit %d); %d checks of /health meanwhile: median %d ms, slowest %d ms%n",
                    opened, descriptors, sorted.size(), sorted.get(sorted.size() / 2), sorted.getLast());
            // a bound loose enough for a loaded machine, and far below the 30 s that running out of descriptors costs
            assertThat(sorted.getLast()).isLessThan(5_000);
        } finally {
            floods.forEach(Process::destroyForcibly);
        }
    }

    private Process flood(String sourceAddress, int connections) throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ConnectionFlood.class.getName(),
                        Integer.toString(port),
                        sourceAddress,
                        Integer.toString(connections),
                        "5")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    // --- helpers

    private List<String> routes() {
        return server.routeSignatures();
    }

    /** A path of this template's shape, naming the flag and environment that exist. */
    private static String concrete(String template) {
        return template.replace("/environments/{key}", "/environments/staging")
                .replace("{env}", "staging")
                .replace("{key}", "checkout")
                .replace("{variant}", "true")
                .replace("{unit}", "alice")
                .replaceAll("\\{[a-z_]+}", "unknown");
    }

    private HttpResponse<String> preflight(String path, String origin, String method) {
        return preflight(server, path, origin, method);
    }

    private static HttpResponse<String> preflight(TestServer target, String path, String origin, String method) {
        return call(HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type, x-api-key")
                .build());
    }

    private HttpResponse<String> fromOrigin(
            String origin, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Origin", origin);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return call(request.build());
    }

    private static HttpResponse<String> call(HttpRequest request) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private RawHttp.Response raw(String request) {
        return RawHttp.last(RawHttp.exchange(port, request));
    }

    private static RawHttp.Response isProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).isEqualTo("application/problem+json");
        JsonNode problem = TestServer.json(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("https://bunting.dev/problems/");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        return response;
    }

    private static void isProblem(TestServer.Reply reply) {
        reply.isProblem(413);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static Socket connect(TestServer target) throws IOException {
        Socket socket = new Socket();
        socket.connect(
                new InetSocketAddress("127.0.0.1", URI.create(target.baseUrl()).getPort()));
        return socket;
    }

    /** Reads until the server closes the connection, which must come within {@code limit}. */
    private static void assertClosedWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever the server says before closing
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for more than " + limit, e);
        } catch (IOException e) {
            // reset: closed as well
        }
    }
}
