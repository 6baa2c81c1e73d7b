package dev.bunting.adapter.http;

/** Where an open {@link EventStream} sends its events: the response that a transport holds open. */
public interface EventSink {

    /** Queues one event to be written; never waits on the client. Calls never overlap. */
    void send(ServerSentEvent event);

    /** Ends the response once what was sent has been written. */
    void end();
}
