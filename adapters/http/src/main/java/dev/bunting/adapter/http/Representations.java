package dev.bunting.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.bunting.application.flag.GetFlag.FlagView;
import dev.bunting.domain.audit.AuditRecord;
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

    private Representations() {}

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
        body.put(
                "archived_at",
                flag.archivedAt() == null ? null : flag.archivedAt().toString());
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

    /** An audit entry with the fields its change altered; before, after and the diff's values are documents as stored. */
    static Map<String, Object> auditRecord(AuditRecord record) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("kind", record.actor().kind().wireName());
        actor.put("id", record.actor().id());
        actor.put("name", record.actor().name());
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("type", record.entity().type());
        entity.put("id", record.entity().id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", record.id());
        body.put("at", record.at().toString());
        body.put("actor", actor);
        body.put("action", record.action());
        body.put("entity", entity);
        body.put(
                "environment",
                record.environment() == null ? null : record.environment().value());
        body.put("before", record.before());
        body.put("after", record.after());
        body.put(
                "diff",
                record.diff().stream()
                        .map(change -> {
                            Map<String, Object> field = new LinkedHashMap<>();
                            field.put("path", change.path());
                            field.put("before", change.before());
                            field.put("after", change.after());
                            return field;
                        })
                        .toList());
        return body;
    }

    static Map<String, Object> environment(Environment environment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", environment.key().value());
        body.put("name", environment.name());
        body.put("protected", environment.isProtected());
        body.put("public_evaluation", environment.publicEvaluation());
        body.put("created_at", environment.createdAt().toString());
        return body;
    }

    /**
     * An evaluation. {@code enabled} is there for boolean flags; {@code source} keeps clients of the first API working
     * (USER_OVERRIDE, RULE:&lt;id&gt;, ROLLOUT, DEFAULT, DISABLED, ERROR). A record rather than a map because this is
     * the hot path: Jackson writes a record with a serializer resolved once, a map by looking up every value's type.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "flag_key",
        "value",
        "variant",
        "reason",
        "enabled",
        "source",
        "rule_id",
        "error_code",
        "error_message"
    })
    record EvaluationBody(
            String flagKey,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object value,
            @JsonInclude(JsonInclude.Include.ALWAYS) String variant,
            String reason,
            Boolean enabled,
            String source,
            String ruleId,
            String errorCode,
            String errorMessage) {}

    static EvaluationBody evaluation(Evaluation evaluation) {
        return new EvaluationBody(
                evaluation.flagKey(),
                evaluation.value(),
                evaluation.variant() == null ? null : evaluation.variant().value(),
                evaluation.reason().name(),
                evaluation.kind() == FlagKind.BOOLEAN ? Boolean.TRUE.equals(evaluation.value()) : null,
                source(evaluation),
                evaluation.ruleId() == null ? null : evaluation.ruleId().value(),
                evaluation.errorCode() == null ? null : evaluation.errorCode().name(),
                evaluation.errorMessage());
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
