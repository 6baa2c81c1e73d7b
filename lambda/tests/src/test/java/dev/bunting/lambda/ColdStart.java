package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.secrets.FakeSecretsManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * bench/cold-start.sh's driver: starts a function's JVM afresh under the runtime interface client, from its own jar,
 * configured as template.yaml configures it (secrets from a Secrets Manager on loopback, Redis, PostgreSQL), as Lambda
 * does on a cold start, and times from process start to the first response the Runtime API receives: an
 * evaluation for the evaluation function, a sign-in (which hashes a password) for the management function. Prints
 * each run and the median.
 *
 * <p>Arguments: the number of runs, {@code evaluation} or {@code management}, then any extra JVM flags (such as a CDS
 * archive, which must be the one made from that function's jar).
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        boolean evaluating = args[1].equals("evaluation");
        List<String> extraFlags = List.of(args).subList(2, args.length);
        DatabaseUrl database = TestDatabase.freshDatabase();
        String redisUrl = System.getenv().getOrDefault("BUNTING_BENCH_REDIS_URL", "redis://127.0.0.1:6379/7");
        clearBuntingKeys(redisUrl);
        try (FakeSecretsManager secrets = DeploymentEnvironment.secrets(database)) {
            Map<String, String> api =
                    DeploymentEnvironment.api(database, secrets, Optional.of(RedisSettings.parse(redisUrl)));
            try (FunctionProcess migration = FunctionProcess.start(
                    FunctionProcess.MIGRATION, DeploymentEnvironment.migration(database, secrets), List.of())) {
                migration.invoke("{}");
            }
            measure(runs, evaluating, extraFlags, api);
        }
    }

    /**
     * Measures with the template's configuration: the login, signing secret and Redis as a deployment has them, so a
     * cold start includes making the Secrets Manager client and reading the secrets (from loopback here).
     */
    private static void measure(int runs, boolean evaluating, List<String> extraFlags, Map<String, String> api)
            throws Exception {
        String evaluation;
        String signIn;
        try (FunctionProcess seeding = FunctionProcess.start(FunctionProcess.MANAGEMENT, api, List.of())) {
            String token = JSON.readTree(body(seeding.invoke(FunctionProcess.signIn())))
                    .path("access_token")
                    .asText();
            Map<String, String> admin = Map.of("authorization", "Bearer " + token);
            seeding.invoke(FunctionProcess.request("POST", "/flags", "", "{\"key\":\"cold-flag\"}", admin));
            seeding.invoke(FunctionProcess.request(
                    "PATCH", "/flags/cold-flag/environments/development/rollout", "", "{\"percentage\":30}", admin));
            seeding.invoke(FunctionProcess.request(
                    "PATCH", "/flags/cold-flag/environments/development/toggle", "", "{\"enabled\":true}", admin));
            evaluation = FunctionProcess.request(
                    "GET", "/evaluate/cold-flag", "environment_key=development&user_id=alice", null, Map.of());
            signIn = FunctionProcess.signIn();
        }
        if (evaluating) {
            report(
                    "evaluation function (GET /evaluate/{key})",
                    FunctionProcess.EVALUATION,
                    runs,
                    api,
                    extraFlags,
                    evaluation);
            warm(api, extraFlags, evaluation);
        } else {
            report("management function (POST /auth/login)", FunctionProcess.MANAGEMENT, runs, api, extraFlags, signIn);
        }
    }

    private static void report(
            String what, String function, int runs, Map<String, String> api, List<String> flags, String event)
            throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long startedAt = System.nanoTime();
            try (FunctionProcess started = FunctionProcess.start(function, api, flags)) {
                JsonNode response = JSON.readTree(started.invoke(event));
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
                if (response.path("statusCode").asInt() != 200) {
                    throw new IllegalStateException(what + " answered " + response);
                }
                millis.add(elapsed);
                System.out.printf("%s run %d: %d ms%n", what, run, elapsed);
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.size() % 2 == 1
                ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf(
                "%s: median %d ms, min %d ms, max %d ms over %d cold starts%n",
                what, median, sorted.getFirst(), sorted.getLast(), runs);
    }

    /**
     * Warm invocations of one evaluation function, each timed from the Runtime API handing out the event to its
     * receiving the response: the handler's time plus a loopback round trip, so an upper bound on what Lambda bills.
     */
    private static void warm(Map<String, String> api, List<String> flags, String event) throws Exception {
        int invocations = 2_000;
        List<Long> micros = new ArrayList<>();
        try (FunctionProcess function = FunctionProcess.start(FunctionProcess.EVALUATION, api, flags)) {
            for (int i = 0; i < invocations; i++) {
                long startedAt = System.nanoTime();
                function.invoke(event);
                micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedAt));
            }
        }
        List<Long> last =
                micros.subList(invocations / 2, invocations).stream().sorted().toList();
        System.out.printf(
                "evaluation function warm (the last %d of %d invocations): median %d µs, p99 %d µs%n",
                last.size(), invocations, last.get(last.size() / 2), last.get(last.size() * 99 / 100));
    }

    /** The bench's own Redis database (7 unless BUNTING_BENCH_REDIS_URL says otherwise) keeps nothing from an earlier run. */
    private static void clearBuntingKeys(String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(RedisSettings.NAMESPACE + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    private static String body(String response) throws Exception {
        return JSON.readTree(response).path("body").asText();
    }
}
