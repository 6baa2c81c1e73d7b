package dev.bunting.local;

import dev.bunting.adapter.http.ApiRequest;
import dev.bunting.adapter.http.ApiResponse;
import dev.bunting.adapter.http.HttpApi;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Translates Undertow's exchanges to the shared API's requests and responses. Requests the API answers from memory
 * (evaluations) run on the I/O thread that read them; the rest may wait on the store, so they move to a virtual thread.
 */
final class UndertowTransport implements HttpHandler {

    private static final HttpString REQUEST_ID = HttpString.tryFromString("X-Request-Id");

    private final HttpApi api;
    private final ExecutorService blockingWork;
    private final AtomicLong requestCounter = new AtomicLong();

    UndertowTransport(HttpApi api, ExecutorService blockingWork) {
        this.api = api;
        this.blockingWork = blockingWork;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread() && api.mayBlock(exchange.getRequestMethod().toString(), exchange.getRequestURI(),
                name -> Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)))) {
            exchange.dispatch(blockingWork, this);
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes(this::respond);
    }

    private void respond(HttpServerExchange exchange, byte[] body) {
        ApiResponse result = api.handle(translate(exchange, body));
        exchange.setStatusCode(result.status());
        result.headers().forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, result.body().length);
        exchange.getResponseSender().send(ByteBuffer.wrap(result.body()));
    }

    private ApiRequest translate(HttpServerExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), values.getFirst());
        }
        Map<String, List<String>> query = new HashMap<>();
        exchange.getQueryParameters().forEach((name, values) -> query.put(name, new ArrayList<>(values)));
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID);
        if (requestId == null) {
            requestId = "local-" + requestCounter.incrementAndGet();
        }
        return new ApiRequest(exchange.getRequestMethod().toString(), exchange.getRequestURI(), query, headers, body, requestId,
                exchange.getSourceAddress().getAddress().getHostAddress());
    }
}
