package dev.bunting.local;

import dev.bunting.adapter.http.RequestLog;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes one JSON line per request to standard output through a buffer flushed every 200 ms, so logging does not
 * cost a system call per request under load.
 */
final class StdoutRequestLog implements RequestLog, AutoCloseable {

    private final PrintStream out = new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "request-log-flush");
        thread.setDaemon(true);
        return thread;
    });

    StdoutRequestLog() {
        flusher.scheduleAtFixedRate(this::flush, 200, 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(Entry entry) {
        String line = entry.toJsonLine();
        synchronized (out) {
            out.println(line);
        }
    }

    private void flush() {
        synchronized (out) {
            out.flush();
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        flush();
    }
}
