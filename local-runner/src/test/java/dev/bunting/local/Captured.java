package dev.bunting.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a piece of the runner printed to standard output and standard error while it ran, and the messages the
 * runner's own loggers logged meanwhile, beside what it returned.
 */
record Captured<T>(T result, String out, String err, List<String> logged) {

    private static final Logger RUNNER = Logger.getLogger("dev.bunting.local");

    static <T> Captured<T> whileRunning(Supplier<T> action) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        RUNNER.addHandler(recorder);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            T result = action.get();
            return new Captured<>(
                    result,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8),
                    List.copyOf(logged));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            RUNNER.removeHandler(recorder);
        }
    }
}
