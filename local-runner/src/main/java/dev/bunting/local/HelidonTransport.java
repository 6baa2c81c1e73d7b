package dev.bunting.local;

import dev.bunting.adapter.http.ApiRequest;
import dev.bunting.adapter.http.ApiResponse;
import dev.bunting.adapter.http.HttpApi;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Translates Helidon's requests and responses to the shared API's, and nothing more. */
final class HelidonTransport implements Handler {

    private final HttpApi api;
    private final int maxBodyBytes;
    private final AtomicLong requestCounter = new AtomicLong();

    HelidonTransport(HttpApi api, int maxBodyBytes) {
        this.api = api;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) throws IOException {
        ApiResponse result = api.handle(translate(request));
        response.status(Status.create(result.status()));
        result.headers().forEach((name, value) -> response.header(HeaderNames.create(name), value));
        response.send(result.body());
    }

    private ApiRequest translate(ServerRequest request) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (Header header : request.headers()) {
            headers.put(header.name(), header.get());
        }
        Map<String, List<String>> query = new HashMap<>();
        for (String name : request.query().names()) {
            query.put(name, request.query().all(name));
        }
        String requestId = headers.getOrDefault("X-Request-Id", "local-" + requestCounter.incrementAndGet());
        return new ApiRequest(request.prologue().method().text(), request.path().rawPath(), query, headers, body(request), requestId);
    }

    /** Reads at most one byte past the limit: enough for the API to answer 413 without buffering a huge upload. */
    private byte[] body(ServerRequest request) throws IOException {
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            return in.readNBytes(maxBodyBytes + 1);
        }
    }
}
