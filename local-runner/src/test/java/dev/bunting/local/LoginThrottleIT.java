package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import dev.bunting.adapter.redis.TestRedisServer;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.RegistrationPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two local runners on one database and one Redis, as two instances behind a load balancer would be: sign-in failures
 * counted by one throttle the account on the other, and once they have left the window both let the user in again.
 * The throttle's standard limit applies (ten failures within 15 minutes); Redis is the test server, in a namespace of
 * this class's own, with a timeout a loaded machine cannot exceed (a command past it would refuse a sign-in with 503).
 */
class LoginThrottleIT {

    private static final int LIMIT = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DatabaseUrl database;
    private static RedisSettings redis;
    private static LocalServer first;
    private static LocalServer second;

    @BeforeAll
    static void startTwoInstances() {
        database = TestDatabase.freshDatabase();
        redis = TestRedisServer.patient(TestRedis.freshNamespace());
        first = LocalServer.start(settings(Optional.of(redis)));
        second = LocalServer.start(settings(Optional.of(redis)));
    }

    /** Every request comes from 127.0.0.1, so one test's failures would count against the next one's address. */
    @AfterEach
    void forgetFailures() {
        TestRedis.deleteNamespace(redis);
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        TestDatabase.drop(database);
    }

    @Test
    void failures_on_one_instance_throttle_the_account_on_the_other_until_they_leave_the_window() throws Exception {
        assertThat(post(first, "/auth/register", credentials("alice@example.com", PASSWORD))
                        .statusCode())
                .isEqualTo(201);
        assertThat(post(second, "/auth/login", credentials("alice@example.com", PASSWORD))
                        .statusCode())
                .as("the second instance lets alice in before anything failed")
                .isEqualTo(200);

        for (int i = 0; i < LIMIT; i++) {
            HttpResponse<String> wrong =
                    post(first, "/auth/login", credentials("alice@example.com", "wrong password " + i));
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        }
        HttpResponse<String> throttled = post(second, "/auth/login", credentials("alice@example.com", PASSWORD));

        assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
                .as("seconds until the first failure leaves the window")
                .isBetween(WINDOW.toSeconds() - 60, WINDOW.toSeconds());

        TestRedis.ageSignInFailures(redis, WINDOW);
        HttpResponse<String> released = post(second, "/auth/login", credentials("alice@example.com", PASSWORD));

        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        String token = JSON.readTree(released.body()).path("access_token").asText();
        assertThat(send(
                                first,
                                HttpRequest.newBuilder(uri(first, "/auth/me"))
                                        .header("Authorization", "Bearer " + token)
                                        .GET())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void with_redis_unreachable_sign_in_fails_closed_with_503_and_signed_in_users_carry_on() throws Exception {
        assertThat(post(first, "/auth/register", credentials("bob@example.com", PASSWORD))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> signedIn = post(first, "/auth/login", credentials("bob@example.com", PASSWORD));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String token = JSON.readTree(signedIn.body()).path("access_token").asText();

        try (LocalServer cutOff = LocalServer.start(settings(Optional.of(TestRedis.nowhere())))) {
            HttpResponse<String> login = post(cutOff, "/auth/login", credentials("bob@example.com", PASSWORD));
            HttpResponse<String> me = send(
                    cutOff,
                    HttpRequest.newBuilder(uri(cutOff, "/auth/me"))
                            .header("Authorization", "Bearer " + token)
                            .GET());

            assertThat(login.statusCode()).as(login.body()).isEqualTo(503);
            assertThat(login.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(login.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(login.body()).doesNotContain("access_token");
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        }
    }

    private static RunnerSettings settings(Optional<RedisSettings> redis) {
        return new RunnerSettings(
                0,
                Optional.of(database),
                Path.of("unused", "pg"),
                0,
                4,
                1024 * 1024,
                false,
                Optional.of("a test secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8)),
                Optional.empty(),
                RegistrationPolicy.OPEN,
                SignInLimits.STANDARD,
                redis,
                Duration.ofSeconds(15),
                dev.bunting.composition.KeyRateLimit.OFF,
                ConfigCacheSettings.STANDARD,
                HttpEdge.STANDARD,
                MeasurementSettings.forServer(new EnvironmentVariables(Map.of())));
    }

    private static String credentials(String email, String password) {
        return JSON.createObjectNode()
                .put("email", email)
                .put("password", password)
                .toString();
    }

    private static HttpResponse<String> post(LocalServer server, String path, String json)
            throws IOException, InterruptedException {
        return send(
                server,
                HttpRequest.newBuilder(uri(server, path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(LocalServer server, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 127.0.0.1 rather than localhost, so every request comes from the one source address the throttle also counts. */
    private static URI uri(LocalServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
