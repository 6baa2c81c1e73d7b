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
import java.util.OptionalDouble;
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
 *
 * <p>With N_FLAGS set (and ENVIRONMENTS, 50 unless set), the evaluation function is measured on a large data set
 * instead ({@link ManyEnvironments}): the first evaluation is of one flag of production's N_FLAGS, with an SDK key. Then
 * one function (in the run without extra flags), with the JVM sizing Lambda's Java runtime derives from the template's MemorySize, answers a bulk
 * evaluation and {@code GET /sdk/flags} in every environment, and its peak resident memory is printed.
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
            measure(runs, evaluating, extraFlags, api, database, redisUrl);
        }
    }

    /**
     * Measures with the template's configuration: the login, signing secret and Redis as a deployment has them, so a
     * cold start includes making the Secrets Manager client and reading the secrets (from loopback here).
     */
    private static void measure(
            int runs,
            boolean evaluating,
            List<String> extraFlags,
            Map<String, String> api,
            DatabaseUrl database,
            String redisUrl)
            throws Exception {
        String evaluation;
        String signIn;
        int flags = Integer.parseInt(System.getenv().getOrDefault("N_FLAGS", "0"));
        List<String> environments = List.of();
        Map<String, String> admin;
        try (FunctionProcess seeding = FunctionProcess.start(FunctionProcess.MANAGEMENT, api, List.of())) {
            String token = JSON.readTree(body(seeding.invoke(FunctionProcess.signIn())))
                    .path("access_token")
                    .asText();
            admin = Map.of("authorization", "Bearer " + token);
            seeding.invoke(FunctionProcess.request("POST", "/flags", "", "{\"key\":\"cold-flag\"}", admin));
            seeding.invoke(FunctionProcess.request(
                    "PATCH", "/flags/cold-flag/environments/development/rollout", "", "{\"percentage\":30}", admin));
            seeding.invoke(FunctionProcess.request(
                    "PATCH", "/flags/cold-flag/environments/development/toggle", "", "{\"enabled\":true}", admin));
            evaluation = FunctionProcess.request(
                    "GET", "/evaluate/cold-flag", "environment_key=development&user_id=alice", null, Map.of());
            signIn = FunctionProcess.signIn();
            if (flags > 0) {
                ManyEnvironments data =
                        new ManyEnvironments(seeding, admin, database, () -> clearBuntingKeys(redisUrl));
                long startedAt = System.nanoTime();
                environments = data.seed(flags, Integer.parseInt(System.getenv().getOrDefault("ENVIRONMENTS", "50")));
                System.out.printf(
                        "seeded %d flags in %d environments in %d s%n",
                        flags, environments.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt));
                evaluation = FunctionProcess.request(
                        "GET",
                        "/evaluate/" + ManyEnvironments.flagKey(1),
                        "environment_key=production&plan=free&user_id=alice",
                        null,
                        Map.of("x-api-key", data.sdkKey()));
            }
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
            // once, in the run without an archive: the sizing flags would not match an archive's
            if (!environments.isEmpty() && extraFlags.isEmpty()) {
                memory(api, environments, admin);
            }
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
                OptionalDouble handling = started.firstRequestMillis();
                System.out.printf(
                        "%s run %d: %d ms, of which the request itself %s%n",
                        what,
                        run,
                        elapsed,
                        handling.isPresent() ? "%.0f ms".formatted(handling.getAsDouble()) : "not logged");
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

    /**
     * One evaluation function, sized as Lambda's Java runtime sizes the JVM for the template's MemorySize (85 % of it
     * for the heap, 10 % for metaspace, 5 % for code, the serial collector), answers a bulk evaluation and
     * {@code GET /sdk/flags} (gzipped, as SDKs ask) in every environment, so that it holds each one's prepared flags and
     * bodies; its peak resident memory is then compared with MemorySize.
     */
    private static void memory(Map<String, String> api, List<String> environments, Map<String, String> admin)
            throws Exception {
        int memorySize = FunctionProcess.memorySize(FunctionProcess.EVALUATION);
        List<String> sizing = List.of(
                "-XX:MaxHeapSize=" + memorySize * 1024 * 85 / 100 + "k",
                "-XX:MaxMetaspaceSize=" + memorySize * 1024 / 10 + "k",
                "-XX:ReservedCodeCacheSize=" + memorySize * 1024 / 20 + "k",
                "-XX:+UseSerialGC");
        Map<String, String> gzip = new java.util.HashMap<>(admin);
        gzip.put("accept-encoding", "gzip");
        try (FunctionProcess function = FunctionProcess.start(FunctionProcess.EVALUATION, api, sizing)) {
            for (String environment : environments) {
                String bulk = "{\"environment\":\"" + environment + "\",\"context\":{\"targetingKey\":\"u1\"}}";
                expectOk(function.invoke(FunctionProcess.request("POST", "/evaluate", "", bulk, admin)));
                expectOk(function.invoke(
                        FunctionProcess.request("GET", "/sdk/flags", "environment=" + environment, null, gzip)));
            }
            System.out.printf(
                    "evaluation function with Lambda's sizing for %d MB (%s): a bulk evaluation and GET /sdk/flags in"
                            + " each of %d environments answered; peak RSS %d MiB%n",
                    memorySize, String.join(" ", sizing), environments.size(), function.peakResidentMiB());
        }
    }

    private static void expectOk(String response) throws Exception {
        JsonNode answer = JSON.readTree(response);
        if (answer.path("statusCode").asInt() != 200) {
            throw new IllegalStateException("the evaluation function answered " + answer);
        }
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
