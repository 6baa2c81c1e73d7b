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

    /** Where {@code connection}'s events go; its writes are batched with the others of its I/O thread. */
    EventSink sinkFor(ServerSentEventConnection connection, XnioIoThread thread) {
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

    /** One stream's events, queued for its I/O thread's next batch. Its state is guarded by itself. */
    private static final class Outbox implements EventSink, ServerSentEventConnection.EventCallback {
        private final ServerSentEventConnection connection;
        private final Batches batches;
        private ServerSentEvent waiting;
        private boolean ending;
        private boolean ended;
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

        private void queueIfIdle() {
            synchronized (this) {
                if (due || writing || ended || (waiting == null && !ending)) {
                    return;
                }
                due = true;
            }
            batches.add(this);
        }

        /** On the I/O thread: hands Undertow the event that waits, or else the end. */
        void write() {
            ServerSentEvent event;
            synchronized (this) {
                due = false;
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
            if (event != null) {
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
                ended = true;
            }
            IoUtils.safeClose(sent);
        }
    }
}
