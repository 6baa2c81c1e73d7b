package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bench/cold-start.sh's large data set, the runner's of bench/environments.sh (bench/seed-flags.py): flags
 * {@code bench-flag-01} on, each a 30 % rollout and a rule, on in production, then environments {@code env-N} added
 * until there are as many as asked, each holding a config of every flag.
 *
 * <p>The first flag is made through the management function; the others are copies of it written straight to
 * PostgreSQL, two statements for all of them. Made one by one, each flag's config write prepared production again, so
 * 2,000 flags took tens of minutes, and the three driver runs of a measurement seed afresh each. The environments are
 * added through the function, which gives each a config of every flag. The bench's Redis keys are cleared after, so
 * that no function reads a flag set cached before the copies.
 */
final class ManyEnvironments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = """
            {"id":"enterprise","clauses":[{"attribute":"plan","operator":"eq","values":["enterprise"]},
            {"attribute":"country","operator":"in","values":["US","CA"]}],"serve":{"variant":"true"}}""";

    private final FunctionProcess management;
    private final Map<String, String> admin;
    private final DatabaseUrl database;
    private final Runnable clearCache;

    /**
     * @param admin the headers that sign a request in as the first admin
     * @param database the database the function uses
     * @param clearCache empties the cache the functions share
     */
    ManyEnvironments(FunctionProcess management, Map<String, String> admin, DatabaseUrl database, Runnable clearCache) {
        this.management = management;
        this.admin = admin;
        this.database = database;
        this.clearCache = clearCache;
    }

    /** The key of flag {@code n}, as bench/seed-flags.py names it. */
    static String flagKey(int n) {
        return "bench-flag-%02d".formatted(n);
    }

    /** @return every environment's key */
    List<String> seed(int flags, int environments) throws IOException, SQLException {
        String first = flagKey(1);
        String config = "/flags/" + first + "/environments/production";
        call("POST", "/flags", "{\"key\":\"" + first + "\",\"name\":\"Bench flag 1\"}");
        call("PATCH", config + "/rollout", "{\"percentage\":30}");
        call("PATCH", config + "/toggle", "{\"enabled\":true}");
        ObjectNode current = (ObjectNode) call("GET", config, null);
        current.putArray("rules").add(JSON.readTree(RULE));
        call("PUT", config, JSON.writeValueAsString(current));
        copyFirstFlag(flags);
        List<String> keys = keys();
        for (int n = keys.size() + 1; n <= environments; n++) {
            call("POST", "/environments", "{\"key\":\"env-" + n + "\",\"name\":\"Environment " + n + "\"}");
        }
        clearCache.run();
        return keys();
    }

    /** Flags 2 to {@code flags}: the first one's row and configs, under their own key, name and salt. */
    private void copyFirstFlag(int flags) throws SQLException {
        String key = "'bench-flag-' || CASE WHEN n < 10 THEN '0' ELSE '' END || n";
        try (Connection connection = TestDatabase.open(database)) {
            connection.setAutoCommit(false);
            try (PreparedStatement copies = connection.prepareStatement("""
                            INSERT INTO flags (key, name, description, tags, kind, variants, salt, bucket_by, version,
                                               created_at, updated_at, archived_at)
                            SELECT %s, 'Bench flag ' || n, description, tags, kind, variants,
                                   CASE WHEN salt = key THEN %s ELSE salt END, bucket_by, version, created_at,
                                   updated_at, archived_at
                            FROM flags, generate_series(2, ?) AS n
                            WHERE key = ?""".formatted(key, key));
                    PreparedStatement configs = connection.prepareStatement("""
                            INSERT INTO flag_configs (flag_key, environment_key, config, version, updated_at)
                            SELECT copy.key, config.environment_key, config.config, config.version, config.updated_at
                            FROM flag_configs config, flags copy
                            WHERE config.flag_key = ? AND copy.key LIKE 'bench-flag-%' AND copy.key <> ?""")) {
                copies.setInt(1, flags);
                copies.setString(2, flagKey(1));
                copies.executeUpdate();
                configs.setString(1, flagKey(1));
                configs.setString(2, flagKey(1));
                configs.executeUpdate();
            }
            connection.commit();
        }
    }

    /** A new SDK key for production, which evaluation there needs. */
    String sdkKey() throws IOException {
        return call("POST", "/keys", "{\"name\":\"cold-start\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .path("key")
                .asText();
    }

    private List<String> keys() throws IOException {
        JsonNode listed = call("GET", "/environments", null);
        List<String> keys = new ArrayList<>();
        (listed.isArray() ? listed : listed.path("items"))
                .forEach(environment -> keys.add(environment.path("key").asText()));
        return keys;
    }

    private JsonNode call(String method, String path, String body) throws IOException {
        JsonNode response = JSON.readTree(management.invoke(FunctionProcess.request(method, path, "", body, admin)));
        int status = response.path("statusCode").asInt();
        if (status / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + status + ": " + response.path("body"));
        }
        String answer = response.path("body").asText();
        return answer.isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer);
    }
}
