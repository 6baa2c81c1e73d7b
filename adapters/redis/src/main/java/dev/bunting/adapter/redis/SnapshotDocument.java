package dev.bunting.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bunting.adapter.redis.SharedConfigs.Versions;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.FlagState;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One environment's flag configs as the JSON text of its snapshot key: the environment, and each flag with its config
 * there, in the order they were loaded (which {@link PreparedEnvironment#version()} depends on), in the domain's
 * document form for variants and configs. With them, the versions the snapshot was loaded under and when it expires.
 *
 * <p>A whole environment per document, rather than a key per flag: evaluation, the bulk endpoints and the content
 * version all need every flag of the environment, so a miss is one read; one document is consistent by construction,
 * where flags read one key each could mix versions from before and after a write; and invalidation is already per
 * environment. A change to one flag rewrites the whole document, which for hundreds of flags is some kilobytes, once.
 */
final class SnapshotDocument {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private SnapshotDocument() {}

    /** A snapshot as read, to be prepared on this instance. */
    record Snapshot(Versions versions, long expiresAtMillis, Environment environment, List<FlagState> states) {

        Snapshot {
            states = List.copyOf(states);
        }

        PreparedEnvironment prepare(Evaluator evaluator) {
            return PreparedEnvironment.prepare(environment, states, evaluator);
        }
    }

    static String write(Versions versions, long expiresAtMillis, PreparedEnvironment prepared) {
        Environment environment = prepared.definition();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("all", versions.all());
        document.put("version", versions.environment());
        document.put("expires_at", expiresAtMillis);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("key", environment.key().value());
        settings.put("name", environment.name());
        settings.put("protected", environment.isProtected());
        settings.put("public_evaluation", environment.publicEvaluation());
        settings.put("created_at", environment.createdAt().toString());
        document.put("environment", settings);
        List<Map<String, Object>> flags = new ArrayList<>();
        for (FlagState state : prepared.states()) {
            Flag flag = state.flag();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", flag.key().value());
            entry.put("name", flag.name());
            entry.put("description", flag.description());
            entry.put("tags", flag.tags());
            entry.put("kind", flag.kind().wireName());
            entry.put("variants", FlagDocuments.writeVariants(flag.variants()));
            entry.put("salt", flag.salt());
            entry.put("bucket_by", flag.bucketBy());
            entry.put("version", flag.version());
            entry.put("created_at", flag.createdAt().toString());
            entry.put("updated_at", flag.updatedAt().toString());
            entry.put("config", FlagDocuments.writeConfig(state.config().config()));
            entry.put("config_version", state.config().version());
            entry.put("config_updated_at", state.config().updatedAt().toString());
            state.experiment()
                    .ifPresent(run -> entry.put(
                            "experiment", Map.of("key", run.experiment().value(), "phase", run.phase())));
            flags.add(entry);
        }
        document.put("flags", flags);
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a snapshot is made of maps, lists, text, numbers and booleans", e);
        }
    }

    /**
     * @return empty when the text is not a snapshot this release can read (corrupted, or written by one with another
     * notion of a flag), which the cache treats as no snapshot: it loads from the store instead
     */
    static Optional<Snapshot> read(String text) {
        try {
            Map<?, ?> document = (Map<?, ?>) FlagDocuments.normalise(MAPPER.readValue(text, Map.class));
            Map<?, ?> settings = (Map<?, ?>) document.get("environment");
            EnvironmentKey key = new EnvironmentKey(text(settings, "key"));
            Environment environment = new Environment(
                    key,
                    text(settings, "name"),
                    (Boolean) settings.get("protected"),
                    (Boolean) settings.get("public_evaluation"),
                    Instant.parse(text(settings, "created_at")));
            List<FlagState> states = new ArrayList<>();
            for (Object item : (List<?>) document.get("flags")) {
                states.add(state(key, (Map<?, ?>) item));
            }
            Versions versions = new Versions(text(document, "all"), text(document, "version"));
            return Optional.of(new Snapshot(versions, number(document, "expires_at"), environment, states));
        } catch (JsonProcessingException
                | InvalidInputException
                | ClassCastException
                | NullPointerException
                | IllegalArgumentException
                | ArithmeticException
                | DateTimeException e) {
            // text from a store other releases write too: a field missing, of another type or out of range is no
            // snapshot
            return Optional.empty();
        }
    }

    private static FlagState state(EnvironmentKey environment, Map<?, ?> entry) {
        List<String> tags = new ArrayList<>();
        for (Object tag : (List<?>) entry.get("tags")) {
            tags.add((String) tag);
        }
        Flag flag = new Flag(
                new FlagKey(text(entry, "key")),
                text(entry, "name"),
                (String) entry.get("description"),
                tags,
                FlagKind.fromWireName("kind", text(entry, "kind")),
                FlagDocuments.readVariants("variants", entry.get("variants")),
                text(entry, "salt"),
                text(entry, "bucket_by"),
                number(entry, "version"),
                Instant.parse(text(entry, "created_at")),
                Instant.parse(text(entry, "updated_at")));
        EnvironmentConfig config = new EnvironmentConfig(
                flag.key(),
                environment,
                FlagDocuments.readConfig(entry.get("config"), SnapshotDocument::ruleWithoutId),
                number(entry, "config_version"),
                Instant.parse(text(entry, "config_updated_at")));
        Optional<ExperimentRun> experiment = Optional.ofNullable((Map<?, ?>) entry.get("experiment"))
                .map(run ->
                        new ExperimentRun(new ExperimentKey(text(run, "key")), Math.toIntExact(number(run, "phase"))));
        return new FlagState(flag, config, experiment);
    }

    private static String text(Map<?, ?> object, String field) {
        Object value = object.get(field);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + " is not text");
        }
        return text;
    }

    private static long number(Map<?, ?> object, String field) {
        return ((BigDecimal) object.get(field)).longValueExact();
    }

    /** Every rule was given an id before it was stored, so one without is not a snapshot this release wrote. */
    private static String ruleWithoutId() {
        throw new IllegalArgumentException("a rule in the snapshot has no id");
    }
}
