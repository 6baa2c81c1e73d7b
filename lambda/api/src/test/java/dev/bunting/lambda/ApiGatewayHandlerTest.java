package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without a database or Redis: init must not need them (SnapStart snapshots init), and requests fail softly without them. */
class ApiGatewayHandlerTest {

    /** Port 1 on loopback: nothing listens, so a connection attempt (to the database or to Redis) is refused at once. */
    static final LambdaSettings NO_DATABASE = withBodyLimit(
            TestSettings.settings(
                    DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:1/bunting?user=bunting"),
                    Optional.of(RedisSettings.parse("redis://127.0.0.1:1"))),
            1024);

    private static LambdaSettings withBodyLimit(LambdaSettings settings, int maxBodyBytes) {
        return new LambdaSettings(
                settings.database(),
                1,
                maxBodyBytes,
                settings.jwtSecret(),
                settings.registration(),
                settings.signInLimits(),
                settings.redis(),
                settings.redisAuth(),
                settings.keyRateLimit(),
                settings.configCache(),
                settings.measurement());
    }

    private static WholeApiHandler handler() {
        return new WholeApiHandler(NO_DATABASE, TestSettings.NO_SECRETS_MANAGER);
    }

    @Test
    void building_the_handler_opens_no_connection() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + listening.getLocalPort();
            LambdaSettings settings = withBodyLimit(
                    TestSettings.settings(
                            DatabaseUrl.parse("jdbc:postgresql://" + address + "/bunting?user=bunting"),
                            Optional.of(RedisSettings.parse("redis://" + address))),
                    1024);

            new WholeApiHandler(settings, TestSettings.NO_SECRETS_MANAGER);

            // a database pool or Redis client opened during init would have connected by now
            listening.setSoTimeout(300);
            assertThatThrownBy(listening::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void health_reports_the_store_down_when_the_database_cannot_be_reached() {
        APIGatewayV2HTTPResponse response = handler().handle(ApiGatewayEvents.request("GET", "/health", ""));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"store\":\"down\"");
    }

    @Test
    void a_request_needing_the_store_gets_503_with_retry_after_and_the_next_one_tries_again() {
        WholeApiHandler handler = handler();

        for (int attempt = 0; attempt < 2; attempt++) {
            APIGatewayV2HTTPResponse response = handler.handle(
                    ApiGatewayEvents.request("GET", "/evaluate/checkout", "environment_key=production&user_id=alice"));
            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders())
                    .containsEntry("Content-Type", "application/problem+json")
                    .containsEntry("Retry-After", "1");
            assertThat(response.getBody()).doesNotContain("127.0.0.1").doesNotContain("Exception");
        }
    }

    @Test
    void a_sign_in_while_redis_cannot_be_reached_gets_503_and_the_next_one_tries_again() {
        WholeApiHandler handler = handler();

        for (int attempt = 0; attempt < 2; attempt++) {
            APIGatewayV2HTTPResponse response = handler.handle(ApiGatewayEvents.jsonRequest(
                    "POST", "/auth/login", "{\"email\":\"alice@example.com\",\"password\":\"a password\"}"));
            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders())
                    .containsEntry("Content-Type", "application/problem+json")
                    .containsEntry("Retry-After", "1");
            assertThat(response.getBody())
                    .contains("sign-in cannot count attempts")
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void an_event_stream_is_a_501_pointing_at_polling_since_lambda_answers_each_request_once() {
        APIGatewayV2HTTPResponse response =
                handler().handle(ApiGatewayEvents.request("GET", "/sdk/stream", "environment=production"));

        assertThat(response.getStatusCode()).isEqualTo(501);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).contains("streaming-unavailable").contains("GET /sdk/flags");
    }

    @Test
    void the_body_limit_comes_from_the_settings() {
        APIGatewayV2HTTPResponse response = handler()
                .handle(ApiGatewayEvents.jsonRequest("POST", "/flags", "{\"key\":\"" + "x".repeat(2000) + "\"}"));

        assertThat(response.getStatusCode()).isEqualTo(413);
    }

    @Test
    void a_token_while_the_signing_secret_cannot_be_read_gets_503_not_401_or_500() {
        LambdaSettings secretUnreadable = new LambdaSettings(
                NO_DATABASE.database(),
                1,
                1024,
                new StoredSecret.InSecretsManager(
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bunting/jwt-AbCdEf"),
                NO_DATABASE.registration(),
                NO_DATABASE.signInLimits(),
                NO_DATABASE.redis(),
                Optional.empty(),
                NO_DATABASE.keyRateLimit(),
                NO_DATABASE.configCache(),
                NO_DATABASE.measurement());
        // nothing listens on port 1, so every read of the secret fails
        SecretsManagerSecrets nowhere = SecretsManagerSecrets.fromEnvironment(
                Map.of("AWS_REGION", "eu-west-1", "BUNTING_SECRETS_ENDPOINT", "http://127.0.0.1:1"), Clock.systemUTC());
        WholeApiHandler evaluation = new WholeApiHandler(secretUnreadable, () -> nowhere);

        var event = ApiGatewayEvents.request("GET", "/evaluate/checkout", "environment_key=production&user_id=alice");
        event.getHeaders().put("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        APIGatewayV2HTTPResponse response = evaluation.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(response.getBody())
                .contains("tokens cannot be checked right now")
                .doesNotContain("Exception");
    }
}
