package dev.bunting.adapter.http;

import dev.bunting.application.flag.GetFlag.FlagView;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKind;

import java.util.LinkedHashMap;
import java.util.Map;

/** How resources look on the wire: snake_case JSON objects built from domain values. */
final class Representations {

    private Representations() {
    }

    static Map<String, Object> flag(Flag flag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", flag.key().value());
        body.put("name", flag.name());
        body.put("description", flag.description());
        body.put("tags", flag.tags());
        body.put("kind", flag.kind().wireName());
        body.put("variants", FlagDocuments.writeVariants(flag.variants()));
        body.put("salt", flag.salt());
        body.put("bucket_by", flag.bucketBy());
        body.put("version", flag.version());
        body.put("created_at", flag.createdAt().toString());
        body.put("updated_at", flag.updatedAt().toString());
        return body;
    }

    static Map<String, Object> flagWithConfigs(FlagView view) {
        Map<String, Object> body = flag(view.flag());
        Map<String, Object> environments = new LinkedHashMap<>();
        for (EnvironmentConfig config : view.configs()) {
            environments.put(config.environment().value(), config(config));
        }
        body.put("environments", environments);
        return body;
    }

    /** A config as its document plus read-only fields; a client may PUT back exactly what it GOT. */
    static Map<String, Object> config(EnvironmentConfig config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flag", config.flag().value());
        body.put("environment", config.environment().value());
        body.put("version", config.version());
        body.put("updated_at", config.updatedAt().toString());
        body.putAll(FlagDocuments.writeConfig(config.config()));
        return body;
    }

    static Map<String, Object> environment(Environment environment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", environment.key().value());
        body.put("name", environment.name());
        body.put("protected", environment.isProtected());
        body.put("created_at", environment.createdAt().toString());
        return body;
    }

    /**
     * An evaluation. {@code enabled} is there for boolean flags; {@code source} keeps clients of the first API working
     * (USER_OVERRIDE, RULE:&lt;id&gt;, ROLLOUT, DEFAULT, DISABLED, ERROR).
     */
    static Map<String, Object> evaluation(Evaluation evaluation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flag_key", evaluation.flagKey());
        body.put("value", evaluation.value());
        body.put("variant", evaluation.variant() == null ? null : evaluation.variant().value());
        body.put("reason", evaluation.reason().name());
        if (evaluation.kind() == FlagKind.BOOLEAN) {
            body.put("enabled", Boolean.TRUE.equals(evaluation.value()));
        }
        body.put("source", source(evaluation));
        if (evaluation.ruleId() != null) {
            body.put("rule_id", evaluation.ruleId().value());
        }
        if (evaluation.errorCode() != null) {
            body.put("error_code", evaluation.errorCode().name());
            body.put("error_message", evaluation.errorMessage());
        }
        return body;
    }

    private static String source(Evaluation evaluation) {
        return switch (evaluation.reason()) {
            case DISABLED -> "DISABLED";
            case TARGETING_MATCH -> evaluation.ruleId() == null ? "USER_OVERRIDE" : "RULE:" + evaluation.ruleId();
            case SPLIT -> evaluation.ruleId() == null ? "ROLLOUT" : "RULE:" + evaluation.ruleId();
            case STATIC, DEFAULT -> "DEFAULT";
            case ERROR -> "ERROR";
        };
    }
}
