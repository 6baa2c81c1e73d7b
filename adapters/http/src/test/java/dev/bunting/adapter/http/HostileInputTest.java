package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests an attacker or a broken client might send. Each must be refused with a 4xx problem+json (never a 5xx) and
 * must leave the store exactly as it was.
 */
class HostileInputTest {

    private static final String CHECKOUT = "/flags/checkout";
    private static final String CHECKOUT_PRODUCTION = "/flags/checkout/environments/production";
    /** The version of checkout's production config once arranged: If-Match with it gets past the version check. */
    private static final Map<String, String> CURRENT_CONFIG =
            Map.of("Content-Type", "application/json", "If-Match", "\"1\"");

    private static final String VALID_CONFIG = """
            {"enabled": true, "off_variant": "false", "targets": [{"variant": "true", "units": ["alice"]}],
             "rules": [{"id": "beta", "clauses": [{"attribute": "plan", "operator": "in", "values": ["beta"]}], "serve": {"variant": "true"}}],
             "fallthrough": {"split": [{"variant": "true", "weight": 3000}, {"variant": "false", "weight": 7000}]}}""";
    private static final String TWO_TO_THE_64 = "18446744073709551616";

    private final TestApi api = new TestApi();

    /** A hostile request and the status it must get. */
    record Hostile(String name, String method, String path, byte[] body, Map<String, String> headers, int status) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    private static Hostile json(String name, int status, String method, String path, String body) {
        return new Hostile(
                name,
                method,
                path,
                body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"),
                status);
    }

    private static Hostile config(String name, int status, String body) {
        return new Hostile(
                name, "PUT", CHECKOUT_PRODUCTION, body.getBytes(StandardCharsets.UTF_8), CURRENT_CONFIG, status);
    }

    private static Hostile bare(String name, int status, String method, String path) {
        return new Hostile(name, method, path, null, Map.of(), status);
    }

    private static Hostile raw(
            String name, int status, String method, String path, byte[] body, Map<String, String> headers) {
        return new Hostile(name, method, path, body, headers, status);
    }

    private static String nested(int depth, String open, String leaf, String close) {
        return open.repeat(depth) + leaf + close.repeat(depth);
    }

    static List<Hostile> hostileRequests() {
        String big = "x".repeat(200 * 1024);
        byte[] twoMegabytes = ("{\"key\": \"huge\", \"description\": \"" + "y".repeat(2 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = new byte[] {'{', '"', 'k', 'e', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        List<Hostile> cases = new ArrayList<>();

        // malformed JSON
        cases.add(json("unterminated object", 400, "POST", "/flags", "{\"key\": \"a\","));
        cases.add(json("unquoted names and single quotes", 400, "POST", "/flags", "{key: 'a'}"));
        cases.add(json("misspelt literal in a config", 400, "PUT", CHECKOUT_PRODUCTION, "{\"enabled\": tru}"));
        cases.add(json("not JSON at all", 400, "POST", "/evaluate", "environment=production"));
        cases.add(json("comments", 400, "POST", "/environments", "{/* hi */ \"key\": \"qa\"}"));
        cases.add(raw(
                "invalid UTF-8 bytes", 400, "POST", "/flags", invalidUtf8, Map.of("Content-Type", "application/json")));

        // wrong types
        cases.add(json("number for a string key", 400, "POST", "/flags", "{\"key\": 42}"));
        cases.add(json("string for an array of tags", 400, "POST", "/flags", "{\"key\": \"x1\", \"tags\": \"beta\"}"));
        cases.add(
                json("object for an array of tags", 400, "POST", "/flags", "{\"key\": \"x1\", \"tags\": {\"a\": 1}}"));
        cases.add(json("boolean for a name", 400, "POST", "/flags", "{\"key\": \"x1\", \"name\": true}"));
        cases.add(json(
                "object for variants",
                400,
                "POST",
                "/flags",
                "{\"key\": \"x1\", \"kind\": \"string\", \"variants\": {\"key\": \"a\"}}"));
        cases.add(json(
                "string for boolean enabled",
                400,
                "PATCH",
                CHECKOUT_PRODUCTION + "/toggle",
                "{\"enabled\": \"true\"}"));
        cases.add(
                json("number for boolean enabled", 400, "PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"enabled\": 1}"));
        cases.add(json(
                "string for a percentage", 400, "PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": \"30\"}"));
        cases.add(json(
                "boolean for a percentage", 400, "PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": true}"));
        cases.add(json("string for a version", 400, "PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"version\": \"1\"}"));
        cases.add(json("fractional version", 400, "PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"version\": 1.5}"));
        cases.add(config(
                "string for boolean enabled in a config",
                400,
                VALID_CONFIG.replace("\"enabled\": true", "\"enabled\": \"yes\"")));
        cases.add(config(
                "object for the targets array",
                400,
                VALID_CONFIG.replace("[{\"variant\": \"true\", \"units\": [\"alice\"]}]", "{}")));
        cases.add(config(
                "string for the clauses array",
                400,
                VALID_CONFIG.replace(
                        "[{\"attribute\": \"plan\", \"operator\": \"in\", \"values\": [\"beta\"]}]", "\"plan=beta\"")));
        cases.add(config("object for a clause value", 400, VALID_CONFIG.replace("[\"beta\"]", "[{\"$ne\": null}]")));
        cases.add(config("number for a unit", 400, VALID_CONFIG.replace("[\"alice\"]", "[7]")));
        cases.add(config(
                "fractional split weight",
                400,
                VALID_CONFIG.replace("3000", "2999.5").replace("7000", "7000.5")));
        cases.add(config("array for the whole config", 400, "[" + VALID_CONFIG + "]"));
        cases.add(config("unknown operator", 400, VALID_CONFIG.replace("\"in\"", "\"sql\"")));
        cases.add(json(
                "number for a target unit",
                400,
                "POST",
                CHECKOUT_PRODUCTION + "/targets",
                "{\"variant\": \"true\", \"unit\": 5}"));
        cases.add(json(
                "array for a context",
                400,
                "POST",
                "/evaluate/checkout",
                "{\"environment\": \"production\", \"context\": []}"));
        cases.add(json("number for an environment", 400, "POST", "/evaluate", "{\"environment\": 42}"));
        cases.add(json(
                "string for protected", 400, "POST", "/environments", "{\"key\": \"qa\", \"protected\": \"yes\"}"));
        cases.add(json(
                "boolean for a targeting key",
                400,
                "POST",
                "/evaluate/checkout",
                "{\"environment\": \"production\", \"context\": {\"targetingKey\": true}}"));

        // unknown fields
        cases.add(json("unknown field on a flag", 400, "POST", "/flags", "{\"key\": \"x1\", \"colour\": \"red\"}"));
        cases.add(json("unknown field on a flag update", 400, "PUT", CHECKOUT, "{\"version\": 1, \"owner\": \"eve\"}"));
        cases.add(config(
                "unknown field on a config",
                400,
                VALID_CONFIG.replace("{\"enabled\"", "{\"admin\": true, \"enabled\"")));
        cases.add(config(
                "unknown field on a clause",
                400,
                VALID_CONFIG.replace("\"operator\": \"in\"", "\"operator\": \"in\", \"op\": \"eq\"")));
        cases.add(json(
                "unknown field on a toggle",
                400,
                "PATCH",
                CHECKOUT_PRODUCTION + "/toggle",
                "{\"enabled\": false, \"force\": true}"));
        cases.add(json(
                "unknown field on an environment",
                400,
                "POST",
                "/environments",
                "{\"key\": \"qa\", \"region\": \"eu\"}"));
        cases.add(json(
                "unknown field on an evaluation",
                400,
                "POST",
                "/evaluate/checkout",
                "{\"environment\": \"production\", \"debug\": true}"));

        // huge input
        cases.add(raw("2 MB body", 413, "POST", "/flags", twoMegabytes, Map.of("Content-Type", "application/json")));
        cases.add(raw(
                "2 MB body with the wrong content type",
                413,
                "PUT",
                CHECKOUT_PRODUCTION,
                twoMegabytes,
                Map.of("Content-Type", "text/plain")));
        cases.add(json("200 KB name", 400, "POST", "/flags", "{\"key\": \"x1\", \"name\": \"" + big + "\"}"));
        cases.add(config(
                "200 KB off variant",
                400,
                VALID_CONFIG.replace("\"off_variant\": \"false\"", "\"off_variant\": \"" + big + "\"")));
        cases.add(json(
                "200 KB context attribute",
                400,
                "POST",
                "/evaluate/checkout",
                "{\"environment\": \"production\", \"context\": {\"bio\": \"" + big + "\"}}"));
        cases.add(json("200 KB field name", 400, "POST", "/environments", "{\"" + big + "\": 1}"));
        cases.add(json(
                "201 character name",
                400,
                "POST",
                "/flags",
                "{\"key\": \"x1\", \"name\": \"" + "n".repeat(201) + "\"}"));
        cases.add(json("101 character key", 400, "POST", "/flags", "{\"key\": \"" + "k".repeat(101) + "\"}"));
        cases.add(json(
                "257 character unit",
                400,
                "POST",
                CHECKOUT_PRODUCTION + "/targets",
                "{\"variant\": \"true\", \"unit\": \"" + "u".repeat(257) + "\"}"));
        cases.add(json(
                "201 context attributes",
                400,
                "POST",
                "/evaluate/checkout",
                "{\"environment\": \"production\", \"context\": {"
                        + String.join(
                                ",",
                                java.util.stream.IntStream.range(0, 201)
                                        .mapToObj(i -> "\"a" + i + "\": " + i)
                                        .toList())
                        + "}}"));
        cases.add(json(
                "21 tags",
                400,
                "POST",
                "/flags",
                "{\"key\": \"x1\", \"tags\": ["
                        + String.join(
                                ",",
                                java.util.stream.IntStream.range(0, 21)
                                        .mapToObj(i -> "\"t" + i + "\"")
                                        .toList())
                        + "]}"));

        // deep nesting
        cases.add(json("depth 1000 array body", 400, "POST", "/flags", nested(1000, "[", "1", "]")));
        cases.add(config(
                "depth 1000 inside a config",
                400,
                VALID_CONFIG.replace("[\"beta\"]", nested(1000, "[", "\"beta\"", "]"))));
        cases.add(json(
                "depth 1000 context",
                400,
                "POST",
                "/evaluate/checkout",
                "{\"environment\": \"production\", \"context\": " + nested(1000, "{\"a\": ", "1", "}") + "}"));
        cases.add(json(
                "depth 1000 variant value",
                400,
                "POST",
                "/flags",
                "{\"key\": \"deep\", \"kind\": \"json\", \"variants\": [{\"key\": \"v\", \"value\": "
                        + nested(1000, "[", "0", "]") + "}]}"));

        // SQL-looking keys
        cases.add(json("SQL in a flag key", 400, "POST", "/flags", "{\"key\": \"x'; drop table flags;--\"}"));
        cases.add(json("tautology as a flag key", 400, "POST", "/flags", "{\"key\": \"1 OR 1=1\"}"));
        cases.add(bare("SQL in a flag key in the path", 400, "GET", "/flags/x'%3B%20drop%20table%20flags%3B--"));
        cases.add(bare("tautology in the path", 400, "GET", "/flags/1%20OR%201%3D1"));
        cases.add(bare("tautology in a delete", 400, "DELETE", "/flags/1%20OR%201%3D1"));
        cases.add(bare(
                "SQL in an environment in the path",
                400,
                "GET",
                "/flags/checkout/environments/production'%20OR%20'1'%3D'1"));
        cases.add(json("SQL in an environment key", 400, "POST", "/environments", "{\"key\": \"prod'--\"}"));
        cases.add(bare(
                "SQL in the evaluated flag key",
                404,
                "GET",
                "/evaluate/x'%3B%20drop%20table%20flags%3B--?environment_key=production&user_id=u"));
        cases.add(bare(
                "SQL in the evaluation environment",
                400,
                "GET",
                "/evaluate/checkout?environment_key=production'--&user_id=u"));
        cases.add(json(
                "SQL in a target variant",
                400,
                "POST",
                CHECKOUT_PRODUCTION + "/targets",
                "{\"variant\": \"true' OR '1'='1\", \"unit\": \"u\"}"));
        cases.add(bare("SQL in a tag filter's length", 400, "GET", "/flags?tag=" + "'%20OR%201%3D1--".repeat(6)));

        // content types
        cases.add(raw(
                "text/plain body",
                415,
                "POST",
                "/flags",
                "{\"key\": \"x1\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/plain")));
        cases.add(raw(
                "form-encoded body",
                415,
                "PUT",
                CHECKOUT_PRODUCTION,
                "enabled=true".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "If-Match", "\"1\"")));
        cases.add(raw(
                "XML body",
                415,
                "POST",
                "/environments",
                "<environment key=\"qa\"/>".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/xml")));
        cases.add(raw(
                "body without a content type",
                415,
                "PATCH",
                CHECKOUT_PRODUCTION + "/toggle",
                "{\"enabled\": false}".getBytes(StandardCharsets.UTF_8),
                Map.of()));
        cases.add(raw(
                "json-lookalike media type",
                415,
                "POST",
                "/flags",
                "{\"key\": \"x1\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/json")));

        // wrong methods
        cases.add(bare("PATCH on the flag list", 405, "PATCH", "/flags"));
        cases.add(json("POST on a flag", 405, "POST", CHECKOUT, "{\"key\": \"checkout\"}"));
        cases.add(bare("DELETE on health", 405, "DELETE", "/health"));
        cases.add(bare("GET on bulk evaluation", 405, "GET", "/evaluate"));
        cases.add(json(
                "PUT on an environment",
                405,
                "PUT",
                "/environments/production",
                "{\"key\": \"production\", \"protected\": false}"));
        cases.add(bare("DELETE on a config", 405, "DELETE", CHECKOUT_PRODUCTION));

        // empty and null bodies
        cases.add(json("empty flag", 400, "POST", "/flags", ""));
        cases.add(json("empty config", 400, "PUT", CHECKOUT_PRODUCTION, ""));
        cases.add(json("empty rollout", 400, "PATCH", CHECKOUT_PRODUCTION + "/rollout", ""));
        cases.add(json("empty target", 400, "POST", CHECKOUT_PRODUCTION + "/targets", ""));
        cases.add(json("empty bulk evaluation", 400, "POST", "/evaluate", ""));
        cases.add(json("empty environment", 400, "POST", "/environments", ""));
        cases.add(json("empty object as a flag", 400, "POST", "/flags", "{}"));
        cases.add(json("empty object as a config, without a version", 428, "PUT", CHECKOUT_PRODUCTION, "{}"));
        cases.add(json("whitespace only", 400, "POST", "/flags", "   \n\t "));
        cases.add(json("null flag", 400, "POST", "/flags", "null"));
        cases.add(json("null config", 400, "PUT", CHECKOUT_PRODUCTION, "null"));
        cases.add(json("null toggle", 400, "PATCH", CHECKOUT_PRODUCTION + "/toggle", "null"));
        cases.add(json("null evaluation", 400, "POST", "/evaluate/checkout", "null"));
        cases.add(json("null key", 400, "POST", "/flags", "{\"key\": null}"));
        cases.add(json("null tag", 400, "POST", "/flags", "{\"key\": \"x1\", \"tags\": [null]}"));
        cases.add(json(
                "null variant",
                400,
                "POST",
                "/flags",
                "{\"key\": \"x1\", \"kind\": \"string\", \"variants\": [null]}"));
        cases.add(config(
                "null off variant", 400, VALID_CONFIG.replace("\"off_variant\": \"false\"", "\"off_variant\": null")));
        cases.add(config("null rule", 400, VALID_CONFIG.replace("\"rules\": [", "\"rules\": [null, ")));
        cases.add(config("null clause value", 400, VALID_CONFIG.replace("[\"beta\"]", "[null]")));
        cases.add(config("null unit", 400, VALID_CONFIG.replace("[\"alice\"]", "[null]")));
        cases.add(json(
                "null target variant",
                400,
                "POST",
                CHECKOUT_PRODUCTION + "/targets",
                "{\"variant\": null, \"unit\": \"u\"}"));
        cases.add(json("null percentage", 400, "PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": null}"));

        // trailing garbage
        cases.add(json("text after the object", 400, "POST", "/flags", "{\"key\": \"x1\"} trailing"));
        cases.add(json("two objects", 400, "POST", "/flags", "{\"key\": \"x1\"}{\"key\": \"x2\"}"));
        cases.add(config("a stray bracket after a config", 400, VALID_CONFIG + "]"));
        cases.add(json("a second value after an environment", 400, "POST", "/environments", "{\"key\": \"qa\"} 1"));

        // duplicate fields
        cases.add(json("duplicate key", 400, "POST", "/flags", "{\"key\": \"x1\", \"key\": \"x2\"}"));
        cases.add(config(
                "duplicate enabled",
                400,
                VALID_CONFIG.replace("{\"enabled\": true", "{\"enabled\": false, \"enabled\": true")));
        cases.add(
                json(
                        "duplicate targeting key",
                        400,
                        "POST",
                        "/evaluate/checkout",
                        "{\"environment\": \"production\", \"context\": {\"targetingKey\": \"alice\", \"targetingKey\": \"bob\"}}"));
        cases.add(json(
                "duplicate enabled in a toggle",
                400,
                "PATCH",
                CHECKOUT_PRODUCTION + "/toggle",
                "{\"enabled\": true, \"enabled\": false}"));

        // NaN and infinities
        cases.add(json("NaN percentage", 400, "PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": NaN}"));
        cases.add(json(
                "Infinity percentage", 400, "PATCH", CHECKOUT_PRODUCTION + "/rollout", "{\"percentage\": Infinity}"));
        cases.add(json(
                "negative infinity percentage",
                400,
                "PATCH",
                CHECKOUT_PRODUCTION + "/rollout",
                "{\"percentage\": -Infinity}"));
        cases.add(config("NaN split weight", 400, VALID_CONFIG.replace("3000", "NaN")));
        cases.add(json(
                "NaN context attribute",
                400,
                "POST",
                "/evaluate/checkout",
                "{\"environment\": \"production\", \"context\": {\"age\": NaN}}"));
        cases.add(json(
                "NaN variant value",
                400,
                "POST",
                "/flags",
                "{\"key\": \"n1\", \"kind\": \"number\", \"variants\": [{\"key\": \"a\", \"value\": NaN}]}"));

        // 2^64 and friends
        cases.add(json(
                "2^64 percentage",
                400,
                "PATCH",
                CHECKOUT_PRODUCTION + "/rollout",
                "{\"percentage\": " + TWO_TO_THE_64 + "}"));
        cases.add(json(
                "2^64 version in a toggle",
                400,
                "PATCH",
                CHECKOUT_PRODUCTION + "/toggle",
                "{\"enabled\": false, \"version\": " + TWO_TO_THE_64 + "}"));
        cases.add(json(
                "2^64 version in a flag update",
                400,
                "PUT",
                CHECKOUT,
                "{\"name\": \"x\", \"version\": " + TWO_TO_THE_64 + "}"));
        cases.add(json(
                "2^64 version in a config, wrapping to the untouched config's version 0",
                400,
                "PUT",
                "/flags/banner/environments/production",
                "{\"version\": " + TWO_TO_THE_64
                        + ", \"enabled\": true, \"off_variant\": \"red\", \"fallthrough\": {\"variant\": \"blue\"}}"));
        cases.add(json(
                "2^64 + 1 version in a config, wrapping to 1",
                400,
                "PUT",
                CHECKOUT_PRODUCTION,
                VALID_CONFIG.replace("{\"enabled\": true", "{\"version\": 18446744073709551617, \"enabled\": false")));
        cases.add(json(
                "huge exponent version in a config",
                400,
                "PUT",
                CHECKOUT_PRODUCTION,
                VALID_CONFIG.replace("{\"enabled\": true", "{\"version\": 1e300, \"enabled\": false")));
        cases.add(json(
                "negative version in a config",
                400,
                "PUT",
                CHECKOUT_PRODUCTION,
                VALID_CONFIG.replace("{\"enabled\": true", "{\"version\": -1, \"enabled\": false")));
        cases.add(config("2^64 split weight", 400, VALID_CONFIG.replace("3000", TWO_TO_THE_64)));
        cases.add(config(
                "2^64 epoch millis",
                400,
                VALID_CONFIG.replace(
                        "\"operator\": \"in\", \"values\": [\"beta\"]",
                        "\"operator\": \"before\", \"values\": [" + TWO_TO_THE_64 + "]")));
        cases.add(bare("2^64 limit", 400, "GET", "/flags?limit=" + TWO_TO_THE_64));
        cases.add(bare("2^64 offset", 400, "GET", "/flags?offset=" + TWO_TO_THE_64));
        cases.add(new Hostile(
                "2^64 If-Match",
                "PUT",
                CHECKOUT,
                "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json", "If-Match", "\"" + TWO_TO_THE_64 + "\""),
                400));
        cases.add(new Hostile(
                "negative If-Match on a delete", "DELETE", CHECKOUT, null, Map.of("If-Match", "\"-1\""), 400));
        cases.add(new Hostile("wildcard If-Match", "DELETE", CHECKOUT, null, Map.of("If-Match", "*"), 400));
        cases.add(new Hostile(
                "If-Match disagreeing with the body",
                "PATCH",
                CHECKOUT_PRODUCTION + "/toggle",
                "{\"version\": 1}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json", "If-Match", "\"0\""),
                400));
        cases.add(json(
                "101-digit number",
                400,
                "PATCH",
                CHECKOUT_PRODUCTION + "/rollout",
                "{\"percentage\": 1" + "0".repeat(100) + "}"));

        // invalid percent-encoding
        cases.add(bare("bad hex in a flag key", 400, "GET", "/flags/%zz"));
        cases.add(bare("truncated escape in an environment", 400, "GET", "/flags/checkout/environments/%E"));
        cases.add(bare("bad escape in a target unit", 400, "DELETE", CHECKOUT_PRODUCTION + "/targets/true/%G1"));
        cases.add(bare(
                "lone percent in an evaluated key", 400, "GET", "/evaluate/%?environment_key=production&user_id=u"));
        cases.add(json(
                "bad escape in a config path", 400, "PUT", "/flags/check%2out/environments/production", VALID_CONFIG));
        cases.add(bare("encoded slash smuggling a path", 400, "GET", "/flags/checkout%2Fenvironments%2Fproduction"));
        cases.add(bare("encoded NUL in a key", 400, "DELETE", "/flags/check%00out"));

        // unicode
        cases.add(json("accented flag key", 400, "POST", "/flags", "{\"key\": \"ünïcödé\"}"));
        cases.add(json("right-to-left override in a key", 400, "POST", "/flags", "{\"key\": \"flag\u202Egnp\"}"));
        cases.add(json("escaped NUL in a key", 400, "POST", "/flags", "{\"key\": \"a\\u0000b\"}"));
        cases.add(json("lone surrogate in a key", 400, "POST", "/flags", "{\"key\": \"a\\uD800b\"}"));
        cases.add(json("fullwidth letters in a key", 400, "POST", "/flags", "{\"key\": \"ｃｈｅｃｋｏｕｔ\"}"));
        cases.add(bare("emoji flag key in the path", 400, "GET", "/flags/%F0%9F%9A%A9"));
        cases.add(json("accented environment key", 400, "POST", "/environments", "{\"key\": \"prödüction\"}"));
        cases.add(json("unicode tag", 400, "POST", "/flags", "{\"key\": \"x1\", \"tags\": [\"bêta\"]}"));
        cases.add(json(
                "zero-width space in a variant",
                400,
                "POST",
                CHECKOUT_PRODUCTION + "/targets",
                "{\"variant\": \"true\u200B\", \"unit\": \"u\"}"));

        // other malformed requests
        cases.add(json("reserved flag key", 400, "POST", "/flags", "{\"key\": \"evaluate\"}"));
        cases.add(json(
                "a config naming another flag",
                400,
                "PUT",
                CHECKOUT_PRODUCTION,
                VALID_CONFIG.replace("{\"enabled\"", "{\"flag\": \"banner\", \"version\": 1, \"enabled\"")));
        cases.add(config(
                "a rule with no clauses",
                400,
                VALID_CONFIG.replace(
                        "[{\"attribute\": \"plan\", \"operator\": \"in\", \"values\": [\"beta\"]}]", "[]")));
        cases.add(config(
                "a serve with both a variant and a split",
                400,
                VALID_CONFIG.replace("{\"variant\": \"true\"}}]", "{\"variant\": \"true\", \"split\": []}}]")));
        cases.add(
                config(
                        "duplicate rule ids",
                        400,
                        VALID_CONFIG.replace(
                                "\"rules\": [{\"id\": \"beta\"",
                                "\"rules\": [{\"id\": \"beta\", \"clauses\": [{\"attribute\": \"a\", \"operator\": \"exists\"}], \"serve\": {\"variant\": \"true\"}}, {\"id\": \"beta\"")));
        cases.add(config(
                "catastrophic regular expression that does not parse",
                400,
                VALID_CONFIG.replace(
                        "\"operator\": \"in\", \"values\": [\"beta\"]",
                        "\"operator\": \"matches\", \"values\": [\"(a+)+(\"]")));
        cases.add(bare("unknown route", 404, "GET", "/admin/users"));
        cases.add(bare("unknown flag evaluated", 404, "GET", "/evaluate/nope?environment_key=production&user_id=u"));
        cases.add(bare(
                "repeated user id", 400, "GET", "/evaluate/checkout?environment_key=production&user_id=a&user_id=b"));
        cases.add(bare("removing a target nobody has", 409, "DELETE", CHECKOUT_PRODUCTION + "/targets/false/nobody"));
        cases.add(bare("deleting production", 409, "DELETE", "/environments/production"));
        cases.add(json("re-creating a flag", 409, "POST", "/flags", "{\"key\": \"checkout\", \"name\": \"Hijacked\"}"));
        cases.add(json(
                "a rollout on a string flag",
                409,
                "PATCH",
                "/flags/banner/environments/production/rollout",
                "{\"percentage\": 50}"));
        return cases;
    }

    @BeforeEach
    void arrangeAStoreWithConfiguredFlags() {
        api.createBooleanFlag("checkout", "payments");
        api.putConfig("checkout", "production", VALID_CONFIG);
        api.createColourFlag("banner");
        assertThat(api.config("checkout", "production").path("version").asLong())
                .isEqualTo(1);
    }

    @Specification(
            spec = Spec.RFC_9457,
            clause = "3.1.2",
            text =
                    "Generators MUST use the same status code in the actual HTTP response, to assure that generic HTTP software that does not understand this format still behaves correctly.")
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void is_refused_with_a_problem_and_changes_nothing(Hostile request) {
        JsonNode before = api.snapshot();
        int auditEntries = api.store.auditTrail().size();

        TestApi.Reply reply = api.send(request.method(), request.path(), request.body(), request.headers());

        assertThat(reply.status())
                .as("status of %s: %s", request.name(), reply.json())
                .isEqualTo(request.status());
        reply.isProblem(request.status());
        assertThat(reply.json().path("instance").asText())
                .isEqualTo(request.path().split("\\?")[0]);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8))
                .doesNotContain("Exception", "at dev.bunting", "com.fasterxml");
        assertThat(api.snapshot()).isEqualTo(before);
        assertThat(api.store.auditTrail()).hasSize(auditEntries);
    }

    @Test
    void a_wrong_method_names_the_allowed_ones_in_allow() {
        assertThat(api.call("PATCH", "/flags").isProblem(405).header("Allow")).isEqualTo("POST, GET, HEAD, OPTIONS");
        assertThat(api.call("POST", CHECKOUT).isProblem(405).header("Allow"))
                .isEqualTo("GET, PUT, DELETE, HEAD, OPTIONS");
        assertThat(api.call("GET", "/evaluate").isProblem(405).header("Allow")).isEqualTo("POST, OPTIONS");
        assertThat(api.call("PUT", "/evaluate/checkout").isProblem(405).header("Allow"))
                .isEqualTo("GET, POST, HEAD, OPTIONS");
        assertThat(api.call("POST", CHECKOUT_PRODUCTION + "/targets/true/alice")
                        .isProblem(405)
                        .header("Allow"))
                .isEqualTo("DELETE, OPTIONS");
    }

    @Test
    void a_body_over_the_configured_limit_is_too_large_whatever_it_holds() {
        TestApi small = new TestApi(new ApiSettings(64, false));

        TestApi.Reply reply = small.call(
                        "POST", "/environments", "{\"key\": \"qa\", \"name\": \"" + "q".repeat(60) + "\"}")
                .isProblem(413);

        assertThat(reply.problemType()).isEqualTo("payload-too-large");
        assertThat(small.call("GET", "/environments/qa").status()).isEqualTo(404);
        assertThat(small.call("POST", "/environments", "{\"key\": \"qa\"}").status())
                .isEqualTo(201);
    }

    @Test
    void malformed_json_says_where_it_broke() {
        TestApi.Reply reply =
                api.call("POST", "/flags", "{\"key\": \"a\",\n \"name\": }").isProblem(400);

        assertThat(reply.errors()).containsExactly(":malformed_json");
        assertThat(reply.json().path("detail").asText()).contains("line 2");
    }

    @Test
    void a_wrong_type_names_the_field_and_the_expected_type() {
        TestApi.Reply reply = api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"enabled\": \"true\"}")
                .isProblem(400);

        assertThat(reply.errors()).containsExactly("enabled:invalid_type");
        assertThat(reply.json().path("detail").asText())
                .isEqualTo("enabled has the wrong type: expected true or false");
    }

    @Test
    void an_unknown_field_is_named() {
        TestApi.Reply reply = api.call("POST", "/flags", "{\"key\": \"x1\", \"colour\": \"red\"}")
                .isProblem(400);

        assertThat(reply.errors()).containsExactly("colour:unknown_field");
    }

    @Test
    void sql_looking_search_text_is_just_text_that_matches_nothing() {
        JsonNode before = api.snapshot();

        TestApi.Reply reply = api.call("GET", "/flags?q=%27%20OR%201%3D1%20--&tag=payments'--");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("total").asInt()).isZero();
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void unicode_in_names_descriptions_and_units_round_trips() {
        String name = "Caisse ✓ — 新しい 🚩 \u05D0\u05D1";
        TestApi.Reply created = api.call(
                "POST",
                "/flags",
                TestApi.MAPPER
                        .createObjectNode()
                        .put("key", "unicode-flag")
                        .put("name", name)
                        .put("description", "emoji 🚩 and RTL \u05D0\u05D1")
                        .toString());
        api.call(
                "POST",
                "/flags/unicode-flag/environments/production/targets",
                "{\"variant\": \"true\", \"unit\": \"zoë🚩\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode flag = api.call("GET", "/flags/unicode-flag").json();
        assertThat(flag.path("name").asText()).isEqualTo(name);
        assertThat(flag.at("/environments/production/targets/0/units/0").asText())
                .isEqualTo("zoë🚩");
        assertThat(api.call("DELETE", "/flags/unicode-flag/environments/production/targets/true/zo%C3%AB%F0%9F%9A%A9")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_control_character_in_a_header_value_is_refused_naming_the_header() {
        JsonNode before = api.snapshot();

        TestApi.Reply reply = api.call("DELETE", CHECKOUT, null, Map.of("If-Match", "\"1\"\u0000"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errors()).containsExactly("if-match:control_character");
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void a_query_parameter_a_route_does_not_read_is_refused_rather_than_ignored() {
        JsonNode before = api.snapshot();

        TestApi.Reply reply = api.call("DELETE", CHECKOUT + "?environment_key=development");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errors()).containsExactly("environment_key:unknown_parameter");
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void content_type_parameters_and_vendor_json_types_are_accepted() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/merge-patch+json; charset=utf-8");

        TestApi.Reply reply = api.call("PATCH", CHECKOUT_PRODUCTION + "/toggle", "{\"enabled\": false}", headers);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.call(
                                "POST",
                                "/environments",
                                "{\"key\": \"qa\"}",
                                Map.of("content-type", "Application/JSON;charset=UTF-8"))
                        .status())
                .isEqualTo(201);
    }
}
