package dev.bunting.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Lambda Runtime API (2018-06-01), as much of it as a function's runtime client uses: it hands out queued events
 * on {@code /invocation/next} and collects what the function answers, so a test can run a function in its own JVM
 * through the real runtime client, as Lambda does. Published in this module's test-jar, for the functions' tests and the
 * SDK's (a function using the SDK without threads).
 */
public final class FakeRuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime";

    private final HttpServer server;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    private record Invocation(String requestId, String event) {}

    /** What the function answered, or why it could not. */
    public static final class FunctionError extends RuntimeException {
        FunctionError(String report) {
            super(report);
        }
    }

    public FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // /next blocks until an event is queued, so it needs a thread of its own beside the answers
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(BASE + "/invocation/next", this::next);
        server.createContext(BASE + "/invocation/", this::answer);
        server.createContext(BASE + "/init/error", exchange -> {
            initError.complete(body(exchange));
            respond(exchange, 202, "");
        });
        server.start();
    }

    /** The value for AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues {@code event}; the future completes with the function's response document. */
    public CompletableFuture<String> invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        queued.add(new Invocation(requestId, event));
        return answer;
    }

    /** Completes when the runtime client reports that the function failed to initialise. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = queued.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "");
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders()
                .add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        exchange.getResponseHeaders()
                .add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:bunting");
        exchange.getResponseHeaders()
                .add(
                        "Lambda-Runtime-Trace-Id",
                        "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
        // the runtime client's native part (2.7.0) crashes on a next-invocation answer without these two
        exchange.getResponseHeaders().add("Lambda-Runtime-Client-Context", "{}");
        exchange.getResponseHeaders().add("Lambda-Runtime-Cognito-Identity", "{}");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        respond(exchange, 200, invocation.event());
    }

    /** {@code /invocation/<id>/response} or {@code /invocation/<id>/error}. */
    private void answer(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI()
                .getPath()
                .substring((BASE + "/invocation/").length())
                .split("/");
        CompletableFuture<String> answer = answers.get(parts[0]);
        String body = body(exchange);
        if (answer == null || parts.length != 2) {
            respond(exchange, 400, "");
            return;
        }
        if (parts[1].equals("response")) {
            answer.complete(body);
        } else {
            answer.completeExceptionally(new FunctionError(body));
        }
        respond(exchange, 202, "");
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
