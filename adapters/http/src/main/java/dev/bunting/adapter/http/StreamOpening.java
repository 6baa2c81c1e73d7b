package dev.bunting.adapter.http;

import java.util.Map;

/** What a request for an event stream came to: a response that ends it (a refusal or a failure), or an open stream. */
public sealed interface StreamOpening {

    record Refused(ApiResponse response) implements StreamOpening {}

    /** An open stream; the transport answers 200 with these headers and a {@code text/event-stream} body. */
    record Opened(EventStream stream, Map<String, String> headers) implements StreamOpening {
        public Opened {
            headers = Map.copyOf(headers);
        }
    }
}
