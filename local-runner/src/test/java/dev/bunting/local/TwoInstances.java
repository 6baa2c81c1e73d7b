package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.RegistrationPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Two local runners on one fresh database and one Redis, as two instances behind a load balancer: a write through one,
 * an evaluation on the other. Requests go over real HTTP, writes as the first admin.
 */
final class TwoInstances implements AutoCloseable {

    static final String ADMIN = "root@example.com";
    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseUrl database;
    private final LocalServer first;
    private final LocalServer second;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String adminToken;

    TwoInstances(RedisSettings redis) {
        database = TestDatabase.freshDatabase();
        first = LocalServer.start(settings(redis));
        second = LocalServer.start(settings(redis));
        adminToken = json(send(
                                first,
                                "POST",
                                "/auth/login",
                                "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}",
                                null)
                        .body())
                .path("access_token")
                .asText();
    }

    LocalServer first() {
        return first;
    }

    LocalServer second() {
        return second;
    }

    /** Sends as the admin, asserting success: for setting the scene and for the writes under test. */
    HttpResponse<String> asAdmin(LocalServer instance, String method, String path, String body) {
        HttpResponse<String> response = send(instance, method, path, body, adminToken);
        assertThat(response.statusCode())
                .as("%s %s: %s", method, path, response.body())
                .isBetween(200, 299);
        return response;
    }

    /** Switches a flag on or off in development, through {@code instance}, as the admin; returns the status. */
    int toggle(LocalServer instance, String flag, boolean enabled) {
        return send(
                        instance,
                        "PATCH",
                        "/flags/" + flag + "/environments/development/toggle",
                        "{\"enabled\":" + enabled + "}",
                        adminToken)
                .statusCode();
    }

    /** An evaluation in development, where evaluation is public: its status, and its value when it succeeded. */
    Evaluated evaluate(LocalServer instance, String flag) {
        HttpResponse<String> response =
                send(instance, "GET", "/evaluate/" + flag + "?environment_key=development&user_id=u1", null, null);
        return new Evaluated(
                response.statusCode(),
                response.statusCode() == 200
                        && json(response.body()).path("value").asBoolean());
    }

    record Evaluated(int status, boolean value) {}

    JsonNode health(LocalServer instance) {
        return json(send(instance, "GET", "/health", null, null).body());
    }

    private HttpResponse<String> send(LocalServer instance, String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private RunnerSettings settings(RedisSettings redis) {
        return new RunnerSettings(
                0,
                Optional.of(database),
                Path.of("unused", "pg"),
                0,
                4,
                1024 * 1024,
                false,
                Optional.of("a test secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8)),
                Optional.of(new RunnerSettings.FirstAdmin(new Email(ADMIN), PASSWORD)),
                RegistrationPolicy.OPEN,
                SignInLimits.STANDARD,
                Optional.of(redis),
                java.time.Duration.ofSeconds(15),
                dev.bunting.composition.KeyRateLimit.OFF,
                ConfigCacheSettings.STANDARD,
                HttpEdge.STANDARD,
                MeasurementSettings.forServer(new EnvironmentVariables(Map.of())));
    }

    @Override
    public void close() {
        first.close();
        second.close();
        TestDatabase.drop(database);
    }
}
