package dev.bunting.sdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flag sets in the form {@code GET /sdk/flags} answers with, built as documents. */
final class FlagSets {

    private final List<Map<String, Object>> flags = new ArrayList<>();
    private String version = "v1";

    String version() {
        return version;
    }

    static FlagSets flagSet() {
        return new FlagSets();
    }

    FlagSets version(String value) {
        this.version = value;
        return this;
    }

    /** A boolean flag serving {@code served} to everyone, or its off variant when disabled. */
    FlagSets bool(String key, boolean enabled, boolean served) {
        return flag(
                key,
                "boolean",
                booleanVariants(),
                config(enabled, Map.of("variant", Boolean.toString(served)), List.of()),
                null);
    }

    /** A boolean flag split 50/50 by targeting key, under a running experiment when {@code experiment} is given. */
    FlagSets split(String key, String experiment) {
        Map<String, Object> split = Map.of(
                "split",
                List.of(Map.of("variant", "true", "weight", 5000), Map.of("variant", "false", "weight", 5000)));
        return flag(key, "boolean", booleanVariants(), config(true, split, List.of()), experiment);
    }

    /** A string flag serving "gold" to plan = enterprise and "basic" to everyone else. */
    FlagSets planned(String key) {
        Map<String, Object> rule = Map.of(
                "id", "enterprise",
                "clauses", List.of(Map.of("attribute", "plan", "operator", "eq", "values", List.of("enterprise"))),
                "serve", Map.of("variant", "gold"));
        return flag(
                key,
                "string",
                List.of(Map.of("key", "gold", "value", "gold"), Map.of("key", "basic", "value", "basic")),
                config(true, Map.of("variant", "basic"), List.of(rule), "basic"),
                null);
    }

    FlagSets number(String key, Object value) {
        return flag(
                key,
                "number",
                List.of(Map.of("key", "value", "value", value)),
                config(true, Map.of("variant", "value"), List.of(), "value"),
                null);
    }

    FlagSets json(String key, Object value) {
        return flag(
                key,
                "json",
                List.of(Map.of("key", "value", "value", value)),
                config(true, Map.of("variant", "value"), List.of(), "value"),
                null);
    }

    /** A flag as its document, in whatever shape the test needs. */
    FlagSets document(Map<String, Object> flag) {
        flags.add(flag);
        return this;
    }

    String body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environment", "production");
        body.put("version", version);
        body.put("flags", flags);
        return Json.write(body);
    }

    /** The ETag the server would send with this flag set. */
    String etag() {
        return "\"production:" + version + "\"";
    }

    private FlagSets flag(
            String key,
            String kind,
            List<Map<String, Object>> variants,
            Map<String, Object> config,
            String experiment) {
        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("key", key);
        flag.put("kind", kind);
        flag.put("variants", variants);
        flag.put("salt", key + "-salt");
        flag.put("bucket_by", "targetingKey");
        flag.put("config", config);
        if (experiment != null) {
            flag.put("experiment", Map.of("key", experiment, "phase", 1));
        }
        flags.add(flag);
        return this;
    }

    private static List<Map<String, Object>> booleanVariants() {
        return List.of(Map.of("key", "true", "value", true), Map.of("key", "false", "value", false));
    }

    private static Map<String, Object> config(boolean enabled, Map<String, Object> fallthrough, List<?> rules) {
        return config(enabled, fallthrough, rules, "false");
    }

    private static Map<String, Object> config(
            boolean enabled, Map<String, Object> fallthrough, List<?> rules, String offVariant) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("enabled", enabled);
        config.put("off_variant", offVariant);
        config.put("targets", List.of());
        config.put("rules", rules);
        config.put("fallthrough", fallthrough);
        return config;
    }
}
