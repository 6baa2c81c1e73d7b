package dev.bunting.adapter.postgres;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.port.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/** Rows of {@code flags} and {@code flag_configs} as domain objects, and the values that are bound to write them. */
final class FlagRows {

    static final String FLAG_COLUMNS = "f.key, f.name, f.description, f.tags, f.kind, f.variants, f.salt, f.bucket_by, "
            + "f.version, f.created_at, f.updated_at, f.archived_at";

    private FlagRows() {}

    static Flag flag(ResultSet row) throws SQLException {
        String key = row.getString("key");
        String[] tags = (String[]) row.getArray("tags").getArray();
        String kind = row.getString("kind");
        Object variants = JsonDocuments.read(row.getString("variants"), "variants of flag '" + key + "'");
        String name = row.getString("name");
        String description = row.getString("description");
        String salt = row.getString("salt");
        String bucketBy = row.getString("bucket_by");
        long version = row.getLong("version");
        Instant createdAt = instant(row, "created_at");
        Instant updatedAt = instant(row, "updated_at");
        Instant archivedAt = instant(row, "archived_at");
        return readable(
                "flag '" + key + "'",
                () -> new Flag(
                        new FlagKey(key),
                        name,
                        description,
                        List.of(tags),
                        FlagKind.fromWireName("kind", kind),
                        FlagDocuments.readVariants("variants", variants),
                        salt,
                        bucketBy,
                        version,
                        createdAt,
                        updatedAt,
                        archivedAt));
    }

    /** A config row, read from columns {@code flag_key, environment_key, config, config_version, config_updated_at}. */
    static EnvironmentConfig config(ResultSet row) throws SQLException {
        String flag = row.getString("flag_key");
        String environment = row.getString("environment_key");
        String what = "config of flag '" + flag + "' in '" + environment + "'";
        Object document = JsonDocuments.read(row.getString("config"), what);
        long version = row.getLong("config_version");
        Instant updatedAt = instant(row, "config_updated_at");
        return readable(
                what,
                () -> new EnvironmentConfig(
                        new FlagKey(flag),
                        new EnvironmentKey(environment),
                        FlagDocuments.readConfig(document, FlagRows::missingRuleId),
                        version,
                        updatedAt));
    }

    static String variantsDocument(Flag flag) {
        return JsonDocuments.write(FlagDocuments.writeVariants(flag.variants()));
    }

    static String configDocument(FlagConfig config) {
        return JsonDocuments.write(FlagDocuments.writeConfig(config));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Stored rows were valid when written; one that no longer builds means the data was changed behind the store. */
    private static <T> T readable(String what, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException | IllegalStateException e) {
            throw new StoreUnavailableException("the stored " + what + " is not valid: " + e.getMessage(), e);
        }
    }

    private static String missingRuleId() {
        throw new IllegalStateException("a stored rule has no id, but every rule is given one before it is saved");
    }
}
