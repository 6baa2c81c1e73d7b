package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A feature flag's definition, shared by every environment. What each environment serves lives in {@link FlagConfig}.
 *
 * @param salt       mixed into bucketing; changing it reshuffles every unit (spec/bucketing.md)
 * @param bucketBy   the context attribute whose value is the bucketing unit; {@link #TARGETING_KEY} by default
 * @param version    increases by one on every change; updates name the version they read
 * @param archivedAt when the flag was archived: it is then evaluated nowhere and cannot be changed until restored, but
 *                   keeps its configs for the restore; null while the flag is active
 */
public record Flag(
        FlagKey key,
        String name,
        String description,
        List<String> tags,
        FlagKind kind,
        List<Variant> variants,
        String salt,
        String bucketBy,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant archivedAt) {

    public static final String TARGETING_KEY = "targetingKey";
    public static final int MAX_VARIANTS = 100;
    public static final int MAX_TAGS = 20;

    public Flag {
        Checks.requirePresent("key", key);
        Checks.requireText("name", name, 200);
        Checks.requireMaxLength("description", description, 2000);
        tags = List.copyOf(Checks.requireMaxSize("tags", Checks.requireEntries("tags", tags), MAX_TAGS));
        for (int i = 0; i < tags.size(); i++) {
            Checks.requireIdentifier("tags[" + i + "]", tags.get(i), 50, false);
        }
        Checks.requirePresent("kind", kind);
        variants = List.copyOf(
                Checks.requireMaxSize("variants", Checks.requireEntries("variants", variants), MAX_VARIANTS));
        checkVariants(kind, variants);
        Checks.requireText("salt", salt, 200);
        Checks.requireText("bucket_by", bucketBy, 200);
        Checks.requirePresent("created_at", createdAt);
        Checks.requirePresent("updated_at", updatedAt);
        if (version < 1) {
            throw InvalidInputException.of("version", "invalid_value", "version starts at 1");
        }
    }

    /** An active flag: what every flag is until it is archived. */
    public Flag(
            FlagKey key,
            String name,
            String description,
            List<String> tags,
            FlagKind kind,
            List<Variant> variants,
            String salt,
            String bucketBy,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        this(key, name, description, tags, kind, variants, salt, bucketBy, version, createdAt, updatedAt, null);
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    /**
     * Why this flag and its configs cannot be changed now, nor an experiment started on it: an archived flag is kept as
     * it was, for a restore to bring back.
     */
    public Optional<String> refusalToChange() {
        return isArchived() ? Optional.of("flag '" + key + "' is archived; restore it first") : Optional.empty();
    }

    /** This flag archived at {@code at}, as its next version. */
    public Flag archive(Instant at) {
        if (isArchived()) {
            throw new IllegalStateException("flag '" + key + "' is archived already");
        }
        return new Flag(key, name, description, tags, kind, variants, salt, bucketBy, version + 1, createdAt, at, at);
    }

    /** This flag active again, as its next version; its configs are as they were when it was archived. */
    public Flag restore(Instant at) {
        if (!isArchived()) {
            throw new IllegalStateException("flag '" + key + "' is not archived");
        }
        return new Flag(key, name, description, tags, kind, variants, salt, bucketBy, version + 1, createdAt, at, null);
    }

    /** The variants a boolean flag always has. */
    public static List<Variant> booleanVariants() {
        return List.of(new Variant(VariantKey.TRUE, true, null), new Variant(VariantKey.FALSE, false, null));
    }

    public Optional<Variant> variant(VariantKey variantKey) {
        for (Variant variant : variants) {
            if (variant.key().equals(variantKey)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }

    public boolean hasVariant(VariantKey variantKey) {
        return variant(variantKey).isPresent();
    }

    private static void checkVariants(FlagKind kind, List<Variant> variants) {
        List<FieldViolation> violations = new ArrayList<>();
        if (variants.isEmpty()) {
            violations.add(new FieldViolation("variants", "required", "a flag needs at least one variant"));
        }
        Set<VariantKey> seen = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            if (!seen.add(variant.key())) {
                violations.add(new FieldViolation(
                        "variants[" + i + "].key", "duplicate", "variant '" + variant.key() + "' appears twice"));
            }
            if (!kind.accepts(variant.value())) {
                violations.add(new FieldViolation(
                        "variants[" + i + "].value",
                        "type_mismatch",
                        "a " + kind.wireName() + " flag's variant must hold a " + kind.wireName() + " value"));
            }
        }
        if (kind == FlagKind.BOOLEAN && violations.isEmpty() && !isCanonicalBoolean(variants)) {
            violations.add(new FieldViolation(
                    "variants",
                    "invalid_value",
                    "a boolean flag has exactly the variants 'true' (value true) and 'false' (value false)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static boolean isCanonicalBoolean(List<Variant> variants) {
        return variants.size() == 2
                && variants.stream()
                        .allMatch(v -> (v.key().equals(VariantKey.TRUE) && Boolean.TRUE.equals(v.value()))
                                || (v.key().equals(VariantKey.FALSE) && Boolean.FALSE.equals(v.value())));
    }
}
