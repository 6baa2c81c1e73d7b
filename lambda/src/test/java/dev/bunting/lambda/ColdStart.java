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
 * bench/cold-start.sh's driver: starts the function's JVM afresh under the runtime interface client, as Lambda does on
 * a cold start, and times from process start to the first response the Runtime API receives, for an evaluation and
 * for a management request (a sign-in, which hashes a password). Prints each run and the median.
 *
 * <p>Arguments: the number of runs, then any extra JVM flags (such as a CDS archive).
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<String> extraFlags = List.of(args).subList(1, args.length);
        DatabaseUrl database = TestDatabase.freshDatabase();
        String evaluation;
        String signIn;
        try (FunctionProcess seeding = FunctionProcess.start(database, extraFlags)) {
            seeding.bootstrapAdmin();
            String token = JSON.readTree(body(seeding.invoke(FunctionProcess.signIn()))).path("access_token").asText();
            Map<String, String> admin = Map.of("authorization", "Bearer " + token);
            seeding.invoke(FunctionProcess.request("POST", "/flags", "", "{\"key\":\"cold-flag\"}", admin));
            seeding.invoke(FunctionProcess.request("PATCH", "/flags/cold-flag/environments/development/rollout", "", "{\"percentage\":30}", admin));
            seeding.invoke(FunctionProcess.request("PATCH", "/flags/cold-flag/environments/development/toggle", "", "{\"enabled\":true}", admin));
            evaluation = FunctionProcess.request("GET", "/evaluate/cold-flag", "environment_key=development&user_id=alice", null, Map.of());
            signIn = FunctionProcess.signIn();
        }
        report("evaluation (GET /evaluate/{key})", runs, database, extraFlags, evaluation, 200);
        report("management (POST /auth/login)", runs, database, extraFlags, signIn, 200);
    }

    private static void report(String what, int runs, DatabaseUrl database, List<String> flags, String event, int expectedStatus) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            try (FunctionProcess function = FunctionProcess.start(database, flags)) {
                JsonNode response = JSON.readTree(function.invoke(event));
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                if (response.path("statusCode").asInt() != expectedStatus) {
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

    private static String body(String response) throws Exception {
        return JSON.readTree(response).path("body").asText();
    }
}
