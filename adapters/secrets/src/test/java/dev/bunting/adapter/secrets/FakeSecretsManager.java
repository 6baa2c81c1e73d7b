package dev.bunting.adapter.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Secrets Manager's GetSecretValue as AWS serves it (the AWS JSON 1.1 protocol: a POST to / naming the operation in
 * X-Amz-Target), in this process on a loopback port, so tests drive the real SDK client over HTTP. It records what it
 * is sent and can refuse, fail or hold requests.
 */
public final class FakeSecretsManager implements AutoCloseable {

    static final String JSON_1_1 = "application/x-amz-json-1.1";
    static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one request carried. */
    public record Request(String target, String contentType, String authorization, String secretId) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Set<String> binary = ConcurrentHashMap.newKeySet();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean failing;
    private volatile CountDownLatch held = new CountDownLatch(0);

    private FakeSecretsManager(HttpServer server) {
        this.server = server;
    }

    public static FakeSecretsManager start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeSecretsManager fake = new FakeSecretsManager(server);
        server.createContext("/", fake::handle);
        server.setExecutor(fake.threads);
        server.start();
        return fake;
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort());
    }

    public void put(String secretId, String value) {
        secrets.put(secretId, value);
    }

    void putBinary(String secretId) {
        binary.add(secretId);
    }

    /** The caller's role may not read this secret, though it exists. */
    void deny(String secretId) {
        denied.add(secretId);
    }

    /** Every request gets a 500 InternalServiceError until {@link #recover()}. */
    void fail() {
        failing = true;
    }

    void recover() {
        failing = false;
    }

    /** Requests wait before they are answered until {@link #release()}. */
    void hold() {
        held = new CountDownLatch(1);
    }

    void release() {
        held.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String secretId = body.path("SecretId").asText(null);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(new Request(
                    target,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    secretId));
            awaitRelease();
            if (!"POST".equals(exchange.getRequestMethod()) || !GET_SECRET_VALUE.equals(target)) {
                error(exchange, 400, "UnknownOperationException", "only GetSecretValue is served here");
            } else if (failing) {
                error(exchange, 500, "InternalServiceError", "An error occurred on the server side.");
            } else if (denied.contains(secretId)) {
                error(
                        exchange,
                        400,
                        "AccessDeniedException",
                        "User is not authorized to perform: secretsmanager:GetSecretValue");
            } else if (binary.contains(secretId)) {
                ObjectNode answer = found(secretId);
                answer.put("SecretBinary", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
                reply(exchange, 200, answer);
            } else if (secrets.containsKey(secretId)) {
                reply(exchange, 200, found(secretId).put("SecretString", secrets.get(secretId)));
            } else {
                error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            }
        }
    }

    private void awaitRelease() {
        try {
            if (!held.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held request was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode found(String secretId) {
        return JSON.createObjectNode()
                .put("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secretId + "-AbCdEf")
                .put("Name", secretId)
                .put(
                        "VersionId",
                        UUID.nameUUIDFromBytes(secretId.getBytes(StandardCharsets.UTF_8))
                                .toString());
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        reply(exchange, status, JSON.createObjectNode().put("__type", type).put("message", message));
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request-" + status);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
