package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bench/cold-start.sh's driver: starts a function's JVM afresh under the runtime interface client, from its own jar,
 * as Lambda does on a cold start, and times from process start to the first response the Runtime API receives: an
 * evaluation for the evaluation function, a sign-in (which hashes a password) for the management function. Prints
 * each run and the median.
 *
 * <p>Arguments: the number of runs, {@code evaluation} or {@code management}, then any extra JVM flags (such as a CDS
 * archive, which must be the one made from that function's jar).
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        boolean evaluating = args[1].equals("evaluation");
        List<String> extraFlags = List.of(args).subList(2, args.length);
        DatabaseUrl database = TestDatabase.freshDatabase();
        String evaluation;
        String signIn;
        try (FunctionProcess migration = FunctionProcess.start(FunctionProcess.MIGRATION, database, List.of())) {
            migration.invoke("{}");
        }
        try (FunctionProcess seeding = FunctionProcess.start(FunctionProcess.MANAGEMENT, database, List.of())) {
            String token = JSON.readTree(body(seeding.invoke(FunctionProcess.signIn()))).path("access_token").asText();
            Map<String, String> admin = Map.of("authorization", "Bearer " + token);
            seeding.invoke(FunctionProcess.request("POST", "/flags", "", "{\"key\":\"cold-flag\"}", admin));
            seeding.invoke(FunctionProcess.request("PATCH", "/flags/cold-flag/environments/development/rollout", "", "{\"percentage\":30}", admin));
            seeding.invoke(FunctionProcess.request("PATCH", "/flags/cold-flag/environments/development/toggle", "", "{\"enabled\":true}", admin));
            evaluation = FunctionProcess.request("GET", "/evaluate/cold-flag", "environment_key=development&user_id=alice", null, Map.of());
            signIn = FunctionProcess.signIn();
        }
        if (evaluating) {
            report("evaluation function (GET /evaluate/{key})", FunctionProcess.EVALUATION, runs, database, extraFlags, evaluation);
            warm(database, extraFlags, evaluation);
        } else {
            report("management function (POST /auth/login)", FunctionProcess.MANAGEMENT, runs, database, extraFlags, signIn);
        }
    }

    private static void report(String what, String function, int runs, DatabaseUrl database, List<String> flags, String event) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long startedAt = System.nanoTime();
            try (FunctionProcess started = FunctionProcess.start(function, database, flags)) {
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
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%s: median %d ms, min %d ms, max %d ms over %d cold starts%n", what, median, sorted.getFirst(), sorted.getLast(), runs);
    }

    /**
     * Warm invocations of one evaluation function, each timed from the Runtime API handing out the event to its
     * receiving the response: the handler's time plus a loopback round trip, so an upper bound on what Lambda bills.
     */
    private static void warm(DatabaseUrl database, List<String> flags, String event) throws Exception {
        int invocations = 2_000;
        List<Long> micros = new ArrayList<>();
        try (FunctionProcess function = FunctionProcess.start(FunctionProcess.EVALUATION, database, flags)) {
            for (int i = 0; i < invocations; i++) {
                long startedAt = System.nanoTime();
                function.invoke(event);
                micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedAt));
            }
        }
        List<Long> last = micros.subList(invocations / 2, invocations).stream().sorted().toList();
        System.out.printf("evaluation function warm (the last %d of %d invocations): median %d µs, p99 %d µs%n",
                last.size(), invocations, last.get(last.size() / 2), last.get(last.size() * 99 / 100));
    }

    private static String body(String response) throws Exception {
        return JSON.readTree(response).path("body").asText();
    }
}
