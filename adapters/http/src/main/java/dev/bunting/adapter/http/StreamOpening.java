package dev.bunting.adapter.http;

/** What a request for an event stream came to: a response that ends it (a refusal or a failure), or an open stream. */
public sealed interface StreamOpening {

    record Refused(ApiResponse response) implements StreamOpening {
    }

    record Opened(EventStream stream) implements StreamOpening {
    }
}
