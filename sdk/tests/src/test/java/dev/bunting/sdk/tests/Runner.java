package dev.bunting.sdk.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local runner as a user starts it (its {@code Main}, configured by environment variables) in a process of its
 * own, on a fresh test database with a first admin, so a test can stop it and start it again on the same port and
 * database, as an outage would.
 */
final class Runner implements AutoCloseable {

    static final String ADMIN = "root@example.com";
    static final String PASSWORD = "wobbly lanterns ferry sixty owls";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PORT = Pattern.compile("http://localhost:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final DatabaseUrl database;
    private final Map<String, String> variables;
    private Process process;
    private Path output;
    private int port;
    private String token;

    private Runner(DatabaseUrl database, Map<String, String> variables) {
        this.database = database;
        this.variables = variables;
    }

    /** A runner on a fresh database, with these further environment variables. */
    static Runner start(Map<String, String> variables) {
        Runner runner = new Runner(TestDatabase.freshDatabase(), variables);
        runner.launch(0);
        runner.token = runner.signIn();
        return runner;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    DatabaseUrl database() {
        return database;
    }

    /** Stops the process as Ctrl-C would. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same port and database. */
    void restart() {
        launch(port);
    }

    /** Sends as the first admin and returns the answer's body, failing the test on anything but success. */
    JsonNode admin(String method, String path, String body) {
        HttpResponse<String> response = send(method, path, body, Map.of("Authorization", "Bearer " + token));
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new server SDK key for {@code environment}. */
    String sdkKey(String environment) {
        return admin(
                        "POST",
                        "/keys",
                        "{\"name\":\"sdk " + System.nanoTime() + "\",\"kind\":\"sdk\",\"environment\":\"" + environment
                                + "\"}")
                .path("key")
                .asText();
    }

    /** Replaces a flag's config in an environment with {@code config} (a JSON object without its version). */
    void putConfig(String flag, String environment, String config) {
        String path = "/flags/" + flag + "/environments/" + environment;
        long version = admin("GET", path, null).path("version").asLong();
        admin("PUT", path, config.substring(0, config.lastIndexOf('}')) + ",\"version\":" + version + "}");
    }

    /** How many rows {@code query} counts, its one parameter bound to {@code parameter}; read from the database. */
    long count(String query, String parameter) {
        try (Connection connection = TestDatabase.open(database);
                PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + query, e);
        }
    }

    static JsonNode read(String text) {
        try {
            return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String signIn() {
        HttpResponse<String> response = send(
                "POST", "/auth/login", "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}", Map.of());
        return read(response.body()).path("access_token").asText();
    }

    private void launch(int onPort) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseParallelGC",
                "-cp",
                classPath,
                "dev.bunting.local.Main");
        builder.environment().keySet().removeIf(name -> name.startsWith("BUNTING_"));
        builder.environment().put("BUNTING_PORT", Integer.toString(onPort));
        builder.environment().put("BUNTING_DATABASE_URL", url(database));
        builder.environment().put("BUNTING_ADMIN_EMAIL", ADMIN);
        builder.environment().put("BUNTING_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("BUNTING_JWT_SECRET", "a test secret of at least thirty-two bytes");
        builder.environment().put("BUNTING_REQUEST_LOG", "false");
        builder.environment().putAll(variables);
        try {
            output = Files.createTempFile("sdk-runner-", ".log");
            process = builder.redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                    Matcher matcher = PORT.matcher(line);
                    if (line.contains("Bunting is running") && matcher.find()) {
                        port = Integer.parseInt(matcher.group(1));
                        return;
                    }
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the runner did not start; it wrote " + Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String url(DatabaseUrl database) {
        StringBuilder url =
                new StringBuilder(database.jdbcUrl()).append(database.jdbcUrl().contains("?") ? '&' : '?');
        url.append("user=")
                .append(URLEncoder.encode(
                        database.user() == null ? "postgres" : database.user(), StandardCharsets.UTF_8));
        if (database.password() != null) {
            url.append("&password=").append(URLEncoder.encode(database.password(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
        List.of(output).forEach(file -> file.toFile().deleteOnExit());
    }
}
