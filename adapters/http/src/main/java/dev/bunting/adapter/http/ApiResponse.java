package dev.bunting.adapter.http;

import java.util.Map;

/** An HTTP response, independent of the transport that will carry it. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
