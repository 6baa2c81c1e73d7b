package dev.bunting.domain.audit;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentDocuments;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state an audit entry records, as the JSON document the trail keeps and shows (maps, lists, strings, BigDecimal,
 * booleans). Defined once here so every store keeps the same document and the diff compares like with like.
 */
public final class AuditDocuments {

    private AuditDocuments() {}

    /** The document of {@code state}; null where there was no state. */
    public static @Nullable Object of(@Nullable Object state) {
        return FlagDocuments.normalise(
                switch (state) {
                    case null -> null;
                    case Flag flag -> flag(flag);
                    case EnvironmentConfig config -> config(config);
                    case Environment environment -> environment(environment);
                    case User user -> user(user);
                    case AccessKey key -> key(key);
                    case Experiment experiment -> ExperimentDocuments.write(experiment);
                    default -> state.toString();
                });
    }

    private static Map<String, Object> flag(Flag flag) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", flag.key().value());
        document.put("name", flag.name());
        document.put("description", flag.description());
        document.put("tags", flag.tags());
        document.put("kind", flag.kind().wireName());
        document.put("variants", FlagDocuments.writeVariants(flag.variants()));
        document.put("salt", flag.salt());
        document.put("bucket_by", flag.bucketBy());
        document.put("version", BigDecimal.valueOf(flag.version()));
        Instant archivedAt = flag.archivedAt();
        if (archivedAt != null) {
            // only where archived, so the documents of flags that never were keep the shape they always had
            document.put("archived_at", archivedAt.toString());
        }
        return document;
    }

    private static Map<String, Object> config(EnvironmentConfig config) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("flag", config.flag().value());
        document.put("environment", config.environment().value());
        document.put("version", BigDecimal.valueOf(config.version()));
        document.put("config", FlagDocuments.writeConfig(config.config()));
        return document;
    }

    private static Map<String, Object> environment(Environment environment) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", environment.key().value());
        document.put("name", environment.name());
        document.put("protected", environment.isProtected());
        document.put("public_evaluation", environment.publicEvaluation());
        return document;
    }

    /** Who the user is and their role: the password hash never enters the audit trail. */
    private static Map<String, Object> user(User user) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", user.id().value());
        document.put("email", user.email().value());
        document.put("role", user.role().wireName());
        return document;
    }

    /** Everything the key list shows; the digest stays in its table. */
    private static Map<String, Object> key(AccessKey key) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", key.id().value());
        document.put("name", key.name());
        document.put("kind", key.scope().tag());
        switch (key.scope()) {
            case KeyScope.Management management ->
                document.put("role", management.role().wireName());
            case KeyScope.Evaluation evaluation ->
                document.put("environment", evaluation.environment().value());
        }
        document.put("prefix", key.prefix());
        document.put("created_by", key.createdBy());
        document.put("owner", key.owner() == null ? null : key.owner().value());
        document.put("revoked", key.isRevoked());
        return document;
    }
}
