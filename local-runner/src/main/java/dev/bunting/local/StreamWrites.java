package dev.bunting.local;

import dev.bunting.adapter.http.EventSink;
import dev.bunting.adapter.http.ServerSentEvent;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;

/**
 * Writes open streams' events on their connections' I/O threads, a batch at a time. A change reaches every stream of
 * its environment at once; handed to Undertow one by one, each stream's write would be a task on its I/O thread, and
 * an I/O thread runs every task it has before it reads again, so with thousands of streams the evaluations it reads
 * would wait behind thousands of writes. Here each I/O thread writes at most {@link #BATCH} streams, then lets its
 * selector run (reading and answering what arrived meanwhile) before the next batch.
 *
 * <p>Closing a stream's connection goes through the same batches, for the same reason and one more: XNIO, closing a
 * connection on its own I/O thread, selects at once to release the descriptor, and that select returns every
 * connection still ready, up to 1,024 of them. When thousands of clients hang up together, every one of their
 * connections is ready (its end of input unread), so each close paid for a thousand others, on the thread that
 * evaluations wait for: 10,000 streams closing at once stalled evaluations for a second or more. A connection whose
 * client hung up stops being read ({@link Outbox#close}), so it is no longer ready, and is closed in a later batch.
 *
 * <p>A stream holds at most one event waiting: a newer one replaces it, since each event only says "the flag set is at
 * this version, refetch" and the newest says all the others did. So a client that does not read holds at most the
 * event Undertow is writing to it and the one waiting, however many changes come, and a burst of changes within one
 * batch's time is one event.
 */
final class StreamWrites {

    /** Streams one I/O thread writes before it reads again: about a millisecond's writes on a quiet machine. */
    static final int BATCH = 128;
    /** The pause between batches, in which the I/O thread selects; XNIO's timer counts in milliseconds. */
    private static final long PAUSE_MILLIS = 1;

    private final ConcurrentMap<XnioIoThread, Batches> threads = new ConcurrentHashMap<>();

    /** Where {@code connection}'s events go; its writes and its close are batched with the others of its I/O thread. */
    Outbox sinkFor(ServerSentEventConnection connection, XnioIoThread thread) {
        return new Outbox(connection, threads.computeIfAbsent(thread, Batches::new));
    }

    /** The streams of one I/O thread that have something to write, and whether a batch is on its way. */
    private static final class Batches {
        private final XnioIoThread thread;
        private final Queue<Outbox> due = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Batches(XnioIoThread thread) {
            this.thread = thread;
        }

        void add(Outbox outbox) {
            due.add(outbox);
            if (scheduled.compareAndSet(false, true)) {
                run(this::write, 0);
            }
        }

        /**
         * Hands Undertow a batch of writes, which it queues as tasks on this thread; the next batch is timed from a
         * task queued behind them, once they are written. A task due by then would run before the thread selects
         * again, as every task it has does.
         */
        private void write() {
            for (int written = 0; written < BATCH; written++) {
                Outbox next = due.poll();
                if (next == null) {
                    break;
                }
                next.write();
            }
            if (!due.isEmpty()) {
                run(() -> run(this::write, PAUSE_MILLIS), 0);
                return;
            }
            scheduled.set(false);
            // a stream added between the last poll and the line above found a batch still on its way
            if (!due.isEmpty() && scheduled.compareAndSet(false, true)) {
                run(() -> run(this::write, PAUSE_MILLIS), 0);
            }
        }

        private void run(Runnable batch, long afterMillis) {
            try {
                thread.executeAfter(batch, afterMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // the server is stopping, and its connections close with it
                scheduled.set(false);
            }
        }
    }

    /**
     * One stream's events, and its connection's close, queued for its I/O thread's next batch. Its state is guarded by
     * itself.
     */
    static final class Outbox implements EventSink, ServerSentEventConnection.EventCallback {
        private final ServerSentEventConnection connection;
        private final Batches batches;
        private ServerSentEvent waiting;
        private boolean ending;
        private boolean ended;
        /** The connection is to be closed: its client hung up, or a write failed. */
        private boolean closing;

        private boolean closed;
        /** In its I/O thread's queue. */
        private boolean due;
        /** Undertow is writing one of its events, and is told when it is done. */
        private boolean writing;

        Outbox(ServerSentEventConnection connection, Batches batches) {
            this.connection = connection;
            this.batches = batches;
        }

        @Override
        public void send(ServerSentEvent event) {
            synchronized (this) {
                waiting = event;
            }
            queueIfIdle();
        }

        /**
         * Undertow's shutdown ends the response only when nothing waits to be written, so the end is a last empty
         * line (which dispatches no event) after what waits, and the shutdown follows once that line is out.
         */
        @Override
        public void end() {
            synchronized (this) {
                ending = true;
            }
            queueIfIdle();
        }

        /**
         * Closes the connection in its I/O thread's next batch, whatever waits to be written: for a client that hung up
         * (whose connection the caller has stopped reading) or a connection that failed.
         */
        void close() {
            synchronized (this) {
                closing = true;
            }
            queueIfIdle();
        }

        private void queueIfIdle() {
            synchronized (this) {
                if (due || closed) {
                    return;
                }
                if (!closing && (writing || ended || (waiting == null && !ending))) {
                    return;
                }
                due = true;
            }
            batches.add(this);
        }

        /** On the I/O thread: closes the connection if asked to, or else hands Undertow the event that waits, or the end. */
        void write() {
            ServerSentEvent event;
            boolean close;
            synchronized (this) {
                due = false;
                close = closing;
                if (close) {
                    closed = true;
                    event = null;
                } else {
                    event = waiting;
                    waiting = null;
                    if (event == null) {
                        if (!ending || ended) {
                            return;
                        }
                        ended = true;
                    }
                    writing = true;
                }
            }
            if (close) {
                IoUtils.safeClose(connection);
            } else if (event != null) {
                connection.send(event.data(), event.name(), event.id(), this);
            } else {
                connection.send(null, null, null, this);
            }
        }

        @Override
        public void done(ServerSentEventConnection sent, String data, String event, String id) {
            boolean last;
            synchronized (this) {
                writing = false;
                last = ended;
            }
            if (last) {
                sent.shutdown();
            } else {
                queueIfIdle();
            }
        }

        @Override
        public void failed(ServerSentEventConnection sent, String data, String event, String id, IOException e) {
            synchronized (this) {
                writing = false;
            }
            close();
        }
    }
}
