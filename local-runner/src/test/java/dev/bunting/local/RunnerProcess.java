package dev.bunting.local;

import dev.bunting.adapter.postgres.DatabaseUrl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local runner as a user starts it ({@link Main}, configured by environment variables), in a process of its own
 * whose standard output and standard error are kept line by line, as a log shipper would read them.
 */
final class RunnerProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("http://localhost:(\\d+)/");

    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final Thread[] readers;
    private volatile int port;
    private final CountDownLatch started = new CountDownLatch(1);

    private RunnerProcess(Process process) {
        this.process = process;
        this.readers = new Thread[] {read(process.getInputStream(), stdout), read(process.getErrorStream(), stderr)};
    }

    /** Starts the runner on {@code database}, on a port of its choosing, with these further variables. */
    static RunnerProcess start(DatabaseUrl database, Map<String, String> variables) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, Main.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("BUNTING_"));
        builder.environment().put("BUNTING_PORT", "0");
        builder.environment().put("BUNTING_DATABASE_URL", url(database));
        builder.environment().putAll(variables);
        try {
            RunnerProcess runner = new RunnerProcess(builder.start());
            if (!runner.started.await(60, TimeUnit.SECONDS)) {
                runner.close();
                throw new IllegalStateException("the runner did not start; it wrote " + runner.stdout + " and " + runner.stderr);
            }
            return runner;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    /** Stops the runner as a user's Ctrl-C would (its shutdown hook flushes the request log), and waits for its output. */
    List<String> stopAndReadOutput() {
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            for (Thread reader : readers) {
                reader.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = new ArrayList<>(stdout);
        lines.addAll(stderr);
        return lines;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private Thread read(InputStream stream, List<String> lines) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    Matcher matcher = PORT.matcher(line);
                    if (port == 0 && line.contains("Bunting is running") && matcher.find()) {
                        port = Integer.parseInt(matcher.group(1));
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                lines.add("(reading failed: " + e + ")");
            }
        });
    }

    private static String url(DatabaseUrl database) {
        StringBuilder url = new StringBuilder(database.jdbcUrl()).append(database.jdbcUrl().contains("?") ? '&' : '?');
        url.append("user=").append(database.user() == null ? "postgres" : database.user());
        if (database.password() != null) {
            url.append("&password=").append(database.password());
        }
        return url.toString();
    }
}
