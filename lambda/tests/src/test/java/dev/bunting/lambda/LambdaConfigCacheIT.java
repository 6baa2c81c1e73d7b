package dev.bunting.lambda;

import static dev.bunting.lambda.ApiGatewayEvents.jsonRequest;
import static dev.bunting.lambda.ApiGatewayEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.nbvcxz.NbvcxzPasswordStrength;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.redis.OwnRedis;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedisServer;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two handlers, as two execution environments, on one database and a Redis of this test's own, whose command
 * statistics count what evaluations cost there: one script each. A change through one shows in the other's very next
 * evaluation that is not marked stale (one is, when the store was too slow to wait for); with Redis stopped,
 * evaluations carry on from the database, with the same answers.
 */
class LambdaConfigCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "root@example.com";
    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";
    private static final String EVALUATE = "/evaluate/lambda-cache";

    /** How long the reader may keep answering from its last config while the store is slow: a bound, not a target. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void evaluations_cost_one_redis_round_trip_see_every_write_at_once_and_survive_redis_stopping() throws Exception {
        DatabaseUrl database = TestDatabase.migratedDatabase();
        try (OwnRedis redis = new OwnRedis()) {
            try (PostgresStore store = PostgresStore.connect(database, 2)) {
                new BootstrapAdmin(
                                store,
                                new Argon2PasswordHasher(),
                                new PasswordPolicy(new NbvcxzPasswordStrength()),
                                new RandomIdGenerator(),
                                Clock.systemUTC())
                        .createIfNoUsers(new Email(ADMIN), PASSWORD);
            }
            // a command waiting past the default second on a loaded machine would count as Redis being away
            RedisSettings patient = TestRedisServer.patient(redis.settings());
            ApiFunctions writers = new ApiFunctions(TestSettings.settings(database, Optional.of(patient)));
            ApiFunctions readers = new ApiFunctions(TestSettings.settings(database, Optional.of(patient)));
            ApiGatewayHandler writer = writers.management;
            ApiGatewayHandler reader = readers.evaluation;
            String token = body(writer.handleRequest(
                            jsonRequest(
                                    "POST",
                                    "/auth/login",
                                    "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}"),
                            null))
                    .path("access_token")
                    .asText();
            assertThat(writer.handleRequest(
                                    asAdmin(jsonRequest("POST", "/flags", "{\"key\":\"lambda-cache\"}"), token), null)
                            .getStatusCode())
                    .isEqualTo(201);
            assertThat(evaluate(reader)).isFalse();

            Map<String, Long> before = redis.commandCalls();
            for (int i = 0; i < 100; i++) {
                assertThat(evaluate(reader)).isFalse();
            }
            Map<String, Long> commands = redis.callsSince(before);
            System.out.println("LambdaConfigCacheIT: Redis commands for 100 cached evaluations: " + commands
                    + " (Redis counts the GETs each script runs as well as the script)");
            assertThat(commands.get("eval")).as("scripts, one round trip each").isEqualTo(100);
            // Jedis's pool tests its idle connections with PING every 30 s (testWhileIdle), which 100 evaluations span
            // on
            // a loaded machine: upkeep of the pool, not a cost of any evaluation
            assertThat(commands.keySet())
                    .as("commands sent or run by scripts, besides the pool's idle checks")
                    .isSubsetOf("eval", "get", "ping");

            for (int change = 0; change < 20; change++) {
                boolean enabled = change % 2 == 0;
                assertThat(toggle(writer, token, enabled)).isEqualTo(200);
                assertThat(currentValue(reader))
                        .as("change %d, at the reader's next evaluation", change)
                        .isEqualTo(enabled);
            }

            redis.stop();
            for (int change = 0; change < 6; change++) {
                boolean enabled = change % 2 == 0;
                assertThat(toggle(writer, token, enabled))
                        .as("a write while Redis is down")
                        .isEqualTo(200);
                assertThat(currentValue(reader))
                        .as("change %d while Redis is down", change)
                        .isEqualTo(enabled);
            }
            APIGatewayV2HTTPResponse health = readers.management.handleRequest(request("GET", "/health", ""), null);
            assertThat(health.getStatusCode()).isEqualTo(200);
            assertThat(body(health).path("redis").asText()).isEqualTo("degraded");
        } finally {
            TestDatabase.drop(database);
        }
    }

    private static APIGatewayV2HTTPEvent asAdmin(APIGatewayV2HTTPEvent event, String token) {
        event.getHeaders().put("authorization", "Bearer " + token);
        return event;
    }

    private static int toggle(ApiGatewayHandler handler, String token, boolean enabled) {
        return handler.handleRequest(
                        asAdmin(
                                jsonRequest(
                                        "PATCH",
                                        "/flags/lambda-cache/environments/development/toggle",
                                        "{\"enabled\":" + enabled + "}"),
                                token),
                        null)
                .getStatusCode();
    }

    /**
     * The reader's first answer that is not marked stale, asking again while answers are. On a loaded machine the
     * reader's brief read of the store can overrun, and then it answers, as documented, from the config it last saw,
     * with {@code X-Bunting-Config-Stale}: such an answer may be the old value. An answer without it must be current.
     */
    private static boolean currentValue(ApiGatewayHandler handler) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        APIGatewayV2HTTPResponse response = evaluation(handler);
        while (stale(response) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = evaluation(handler);
        }
        assertThat(stale(response))
                .as("answers still marked stale after %s", PATIENCE)
                .isFalse();
        return body(response).path("value").asBoolean();
    }

    private static APIGatewayV2HTTPResponse evaluation(ApiGatewayHandler handler) {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(request("GET", EVALUATE, "environment_key=development&user_id=u1"), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return response;
    }

    private static boolean stale(APIGatewayV2HTTPResponse response) {
        return response.getHeaders() != null
                && response.getHeaders().keySet().stream().anyMatch("X-Bunting-Config-Stale"::equalsIgnoreCase);
    }

    /** Development evaluates publicly, so no credentials and no key lookup: the cache is all that is measured. */
    private static boolean evaluate(ApiGatewayHandler handler) {
        return body(evaluation(handler)).path("value").asBoolean();
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
