package dev.bunting.adapter.dashboard;

import java.util.Map;

/** An answer the dashboard gives a browser, ready to send: status, headers and body. */
public record StaticFile(int status, Map<String, String> headers, byte[] body) {
    public StaticFile {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
