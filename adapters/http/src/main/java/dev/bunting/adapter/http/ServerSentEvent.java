package dev.bunting.adapter.http;

/**
 * One event of a {@code text/event-stream} response, which the transport writes as its {@code id:}, {@code event:}
 * and {@code data:} lines.
 *
 * @param data one line of text (compact JSON here), so it is written as a single {@code data:} line
 */
public record ServerSentEvent(String id, String name, String data) {
    public ServerSentEvent {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's data is one line");
        }
    }
}
