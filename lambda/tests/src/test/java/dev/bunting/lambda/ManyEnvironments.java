package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bench/cold-start.sh's large data set, seeded through the management function as bench/environments.sh seeds the
 * runner's (bench/seed-flags.py): flags {@code bench-flag-01} on, each a 30 % rollout and a rule, on in production,
 * then environments {@code env-N} added until there are as many as asked, each holding a config of every flag.
 */
final class ManyEnvironments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = """
            {"id":"enterprise","clauses":[{"attribute":"plan","operator":"eq","values":["enterprise"]},
            {"attribute":"country","operator":"in","values":["US","CA"]}],"serve":{"variant":"true"}}""";

    private final FunctionProcess management;
    private final Map<String, String> admin;

    /** @param admin the headers that sign a request in as the first admin */
    ManyEnvironments(FunctionProcess management, Map<String, String> admin) {
        this.management = management;
        this.admin = admin;
    }

    /** The key of flag {@code n}, as bench/seed-flags.py names it. */
    static String flagKey(int n) {
        return "bench-flag-%02d".formatted(n);
    }

    /** @return every environment's key */
    List<String> seed(int flags, int environments) throws IOException {
        ObjectNode template = null;
        for (int n = 1; n <= flags; n++) {
            String key = flagKey(n);
            String config = "/flags/" + key + "/environments/production";
            call("POST", "/flags", "{\"key\":\"" + key + "\",\"name\":\"Bench flag " + n + "\"}");
            if (template == null) {
                call("PATCH", config + "/rollout", "{\"percentage\":30}");
                call("PATCH", config + "/toggle", "{\"enabled\":true}");
            }
            ObjectNode current = (ObjectNode) call("GET", config, null);
            if (template == null) {
                current.putArray("rules").add(JSON.readTree(RULE));
                template = current;
            } else {
                // the first flag's config in one write: every write prepares production again
                for (String field : List.of("enabled", "fallthrough", "rules")) {
                    current.set(field, template.get(field));
                }
            }
            call("PUT", config, JSON.writeValueAsString(current));
        }
        List<String> keys = keys();
        for (int n = keys.size() + 1; n <= environments; n++) {
            call("POST", "/environments", "{\"key\":\"env-" + n + "\",\"name\":\"Environment " + n + "\"}");
        }
        return keys();
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
