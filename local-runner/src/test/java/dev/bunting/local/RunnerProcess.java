package dev.bunting.local;

import dev.bunting.adapter.postgres.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local runner as a user starts it ({@link Main}, configured by environment variables), in a process of its own
 * whose standard output and standard error go to files, as a log shipper would read them. Files rather than pipes:
 * a pipe read while the process exits can fail with "Stream closed" and lose what was still buffered.
 */
final class RunnerProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("http://localhost:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private RunnerProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /** Starts the runner on {@code database}, on a port of its choosing, with these further variables. */
    static RunnerProcess start(DatabaseUrl database, Map<String, String> variables) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                Main.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("BUNTING_"));
        builder.environment().put("BUNTING_PORT", "0");
        builder.environment().put("BUNTING_DATABASE_URL", url(database));
        builder.environment().putAll(variables);
        try {
            Path stdout = Files.createTempFile("runner-", ".out");
            Path stderr = Files.createTempFile("runner-", ".err");
            // read while the runner runs, and gone with the test JVM rather than left in the temp dir
            stdout.toFile().deleteOnExit();
            stderr.toFile().deleteOnExit();
            Process process = builder.redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                for (String line : lines(stdout, stderr)) {
                    Matcher matcher = PORT.matcher(line);
                    if (line.contains("Bunting is running") && matcher.find()) {
                        return new RunnerProcess(process, stdout, stderr, Integer.parseInt(matcher.group(1)));
                    }
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the runner did not start; it wrote " + lines(stdout, stderr));
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

    /** Stops the runner as a user's Ctrl-C would (its shutdown hook flushes the request log), and reads all it wrote. */
    List<String> stopAndReadOutput() {
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lines(stdout, stderr);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static List<String> lines(Path stdout, Path stderr) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(stdout, StandardCharsets.UTF_8));
            lines.addAll(Files.readAllLines(stderr, StandardCharsets.UTF_8));
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(DatabaseUrl database) {
        StringBuilder url =
                new StringBuilder(database.jdbcUrl()).append(database.jdbcUrl().contains("?") ? '&' : '?');
        url.append("user=").append(database.user() == null ? "postgres" : database.user());
        if (database.password() != null) {
            url.append("&password=").append(database.password());
        }
        return url.toString();
    }
}
