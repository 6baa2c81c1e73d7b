package dev.bunting.sdk;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the document {@code GET /sdk/flags} answers with (also the bootstrap and last-known-good files) into a
 * {@link Snapshot}, with the domain's own document readers, so a config means here what it means on the server.
 */
final class SnapshotReader {

    private final Evaluator evaluator;

    SnapshotReader(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Throws {@link IllegalArgumentException} when the document is not a flag set this SDK can evaluate. */
    Snapshot read(String body, String etag) {
        try {
            Map<?, ?> document = asMap(Json.parse(body), "the document");
            String version = text(document, "version");
            List<?> flags = (List<?>) document.get("flags");
            if (flags == null) {
                throw new IllegalArgumentException("the document has no flags");
            }
            Map<String, Snapshot.SnapshotFlag> byKey = new HashMap<>();
            Snapshot.SnapshotFlag[] ordered = new Snapshot.SnapshotFlag[flags.size()];
            for (int i = 0; i < ordered.length; i++) {
                ordered[i] = flag(asMap(flags.get(i), "flags[" + i + "]"));
                byKey.put(ordered[i].prepared().flag().key().value(), ordered[i]);
            }
            return new Snapshot(version, etag, Map.copyOf(byKey), ordered, body);
        } catch (InvalidInputException | ClassCastException e) {
            throw new IllegalArgumentException("the flag set cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A flag of the document. Its fields at their defaults may be left out, as the server leaves them out: the kind
     * is then boolean, with the variants true and false, the salt is the key, and the unit is the targeting key.
     */
    private Snapshot.SnapshotFlag flag(Map<?, ?> document) {
        String key = text(document, "key");
        FlagKind kind = FlagKind.fromWireName("kind", text(document, "kind", FlagKind.BOOLEAN.wireName()));
        Object variantsDocument = document.get("variants");
        List<Variant> variants;
        if (variantsDocument != null) {
            variants = FlagDocuments.readVariants("variants", variantsDocument);
        } else {
            // a flag of another kind without variants is refused by Flag, as it is on the server
            variants = kind == FlagKind.BOOLEAN ? Flag.booleanVariants() : List.of();
        }
        Flag flag = new Flag(
                new FlagKey(key),
                key,
                "",
                List.of(),
                kind,
                variants,
                text(document, "salt", key),
                text(document, "bucket_by", Flag.TARGETING_KEY),
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        int[] unnamedRules = {0};
        FlagConfig config = FlagDocuments.readConfig(document.get("config"), () -> "rule-" + (++unnamedRules[0]));
        Object experiment = document.get("experiment");
        String experimentKey = experiment == null ? null : text(asMap(experiment, "experiment"), "key");
        return new Snapshot.SnapshotFlag(evaluator.prepare(flag, config), experimentKey);
    }

    private static Map<?, ?> asMap(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(what + " is not a JSON object");
    }

    /** The field's text, or {@code fallback} when the document leaves it out. */
    private static String text(Map<?, ?> document, String field, String fallback) {
        return document.get(field) == null ? fallback : text(document, field);
    }

    private static String text(Map<?, ?> document, String field) {
        if (document.get(field) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("'" + field + "' is missing or not a string");
    }
}
