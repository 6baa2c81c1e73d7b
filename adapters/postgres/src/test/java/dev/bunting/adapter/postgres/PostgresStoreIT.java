package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreContract;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL, plus what only this adapter promises: how the audit trail is stored. */
class PostgresStoreIT extends StoreContract {

    private static final Instant AT = Instant.parse("2026-04-01T12:00:00.000001Z");
    private static final Actor SYSTEM = Actor.system("store-test");
    private static final Actor ALICE = Actor.user("u-alice", "alice@example.com");

    private static DatabaseUrl database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.migratedDatabase();
    }

    @Override
    protected Store newStore() {
        PostgresStore store = PostgresStore.connect(database, 8);
        TestDatabase.restoreInitialState(database);
        return store;
    }

    @Override
    protected List<AuditEntry> committedAuditEntries(Store store) {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection connection = TestDatabase.open(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                     SELECT actor_kind, actor_id, actor_name, action, entity_type, entity_id, environment, before::text, after::text, at
                     FROM audit_log ORDER BY id""")) {
            while (rows.next()) {
                Actor actor = new Actor(
                        Actor.Kind.fromWireName(rows.getString("actor_kind")),
                        rows.getString("actor_id"),
                        rows.getString("actor_name"));
                String environment = rows.getString("environment");
                entries.add(new AuditEntry(
                        actor,
                        rows.getString("action"),
                        new Entity(rows.getString("entity_type"), rows.getString("entity_id")),
                        environment == null ? null : new EnvironmentKey(environment),
                        JsonDocuments.read(rows.getString("before"), "before"),
                        JsonDocuments.read(rows.getString("after"), "after"),
                        rows.getObject("at", OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }

    @Test
    void audit_entries_store_flags_configs_and_environments_as_documents() {
        Flag flag = new Flag(
                new FlagKey("checkout"),
                "Checkout",
                null,
                List.of("web"),
                FlagKind.NUMBER,
                List.of(Variant.of("low", new BigDecimal("0.5")), Variant.of("high", new BigDecimal("10"))),
                "salt",
                Flag.TARGETING_KEY,
                3,
                AT,
                AT);
        EnvironmentConfig config =
                EnvironmentConfig.initial(flag, EnvironmentKey.STAGING).next(FlagConfig.initialFor(flag), AT);
        Environment qa = new Environment(new EnvironmentKey("qa"), "QA", true, false, AT);

        store.inTransaction(r -> {
            r.audit().record(new AuditEntry(SYSTEM, "flag.updated", Entity.flag("checkout"), flag, flag, AT));
            r.audit()
                    .record(new AuditEntry(
                            SYSTEM,
                            "flag.config_changed",
                            Entity.flag("checkout"),
                            EnvironmentKey.STAGING,
                            null,
                            config,
                            AT));
            r.audit()
                    .record(new AuditEntry(
                            ALICE,
                            "environment.created",
                            Entity.environment("qa"),
                            new EnvironmentKey("qa"),
                            null,
                            qa,
                            AT));
            r.audit()
                    .record(new AuditEntry(
                            SYSTEM, "other", new Entity("thing", "x"), null, new StringBuilder("as text"), AT));
            return null;
        });

        List<AuditEntry> entries = committedAuditEntries(store);
        assertThat(document(entries.get(0).after()))
                .containsOnlyKeys(
                        "key", "name", "description", "tags", "kind", "variants", "salt", "bucket_by", "version")
                .containsEntry("key", "checkout")
                .containsEntry("description", null)
                .containsEntry("tags", List.of("web"))
                .containsEntry("kind", "number")
                .containsEntry(
                        "variants",
                        List.of(
                                Map.of("key", "low", "value", new BigDecimal("0.5")),
                                Map.of("key", "high", "value", new BigDecimal("10"))))
                .containsEntry("bucket_by", Flag.TARGETING_KEY)
                .containsEntry("version", new BigDecimal("3"));
        assertThat(document(entries.get(1).after()))
                .containsEntry("flag", "checkout")
                .containsEntry("environment", "staging")
                .containsEntry("version", BigDecimal.ONE)
                .containsKey("config");
        assertThat(entries.get(1).before()).isNull();
        assertThat(entries.get(2).after())
                .isEqualTo(Map.of("key", "qa", "name", "QA", "protected", true, "public_evaluation", false));
        assertThat(entries.get(2).actor()).isEqualTo(ALICE);
        assertThat(entries.get(1).resource()).isEqualTo("flag:checkout/staging");
        assertThat(entries.get(3).after()).isEqualTo("as text");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Object stored) {
        return (Map<String, Object>) stored;
    }
}
