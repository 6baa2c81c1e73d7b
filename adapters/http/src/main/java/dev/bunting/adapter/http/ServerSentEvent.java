package dev.bunting.adapter.http;

/**
 * One event of a {@code text/event-stream} response, which the transport writes as its {@code id:}, {@code event:}
 * and {@code data:} lines.
 */
public record ServerSentEvent(String id, String name, String data) {}
