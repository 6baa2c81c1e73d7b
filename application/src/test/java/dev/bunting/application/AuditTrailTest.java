package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.audit.ReadAuditTrail;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.audit.FieldChange;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.port.AuditPage;
import dev.bunting.domain.port.AuditQuery;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Reading the audit trail through its use case: any signed-in role may, entries about users and keys are for admins,
 * and a flag's trail outlives the flag.
 */
class AuditTrailTest {

    private static final Principal CI_KEY = new Principal.ApiKey("k-ci", "ci pipeline", Role.DEVELOPER);
    private static final FlagKey CHECKOUT = new FlagKey("checkout");

    private final UseCases useCases = new UseCases();

    @Test
    void every_signed_in_role_and_an_api_key_may_read_the_trail() {
        create(CHECKOUT);

        for (Principal reader : List.of(UseCases.VIEWER, UseCases.DEVELOPER, UseCases.ADMIN, CI_KEY)) {
            assertThat(read(reader, everything()).items())
                    .as("read by %s", reader)
                    .hasSize(1);
        }
    }

    @Test
    void an_entry_names_the_actor_the_time_the_environment_and_each_field_that_changed() {
        create(CHECKOUT);
        useCases.changeConfig.change(new ChangeFlagConfig.Command(
                CI_KEY, CHECKOUT, EnvironmentKey.STAGING, OptionalLong.empty(), new ConfigChange.Toggle(true)));

        AuditRecord toggled = read(UseCases.VIEWER, everything()).items().getFirst();

        assertThat(toggled.actor()).isEqualTo(Actor.apiKey("k-ci", "ci pipeline"));
        assertThat(toggled.action()).isEqualTo("flag_config.toggled");
        assertThat(toggled.entity()).isEqualTo(Entity.flag("checkout"));
        assertThat(toggled.environment()).isEqualTo(EnvironmentKey.STAGING);
        assertThat(toggled.at()).isEqualTo(UseCases.NOW);
        assertThat(toggled.diff()).extracting(FieldChange::path).containsExactly("config.enabled", "version");
    }

    @Test
    void a_deleted_flags_trail_is_still_there_newest_first() {
        create(CHECKOUT);
        create(new FlagKey("other"));
        useCases.deleteFlag.delete(new DeleteFlag.Command(UseCases.ADMIN, CHECKOUT, OptionalLong.empty()));

        AuditPage trail =
                read(UseCases.VIEWER, new AuditQuery(null, null, Entity.flag(CHECKOUT), null, null, null, null, 10));

        assertThat(trail.items()).extracting(AuditRecord::action).containsExactly("flag.deleted", "flag.created");
        assertThat(trail.items().getFirst().after()).isNull();
    }

    @Test
    void entries_about_users_and_keys_are_for_admins_and_leave_no_gap_in_the_pages_of_others() {
        create(CHECKOUT);
        record(
                new AuditEntry(
                        UseCases.ADMIN.actor(),
                        "key.created",
                        Entity.key("k-web"),
                        EnvironmentKey.PRODUCTION,
                        null,
                        null,
                        UseCases.NOW),
                new AuditEntry(
                        UseCases.ADMIN.actor(),
                        "user.role_changed",
                        Entity.user("viewer"),
                        null,
                        null,
                        null,
                        UseCases.NOW));
        create(new FlagKey("other"));

        for (Principal reader : List.of(UseCases.VIEWER, UseCases.DEVELOPER, CI_KEY)) {
            AuditPage first = read(reader, new AuditQuery(null, null, null, null, null, null, null, 1));
            AuditPage second = read(reader, new AuditQuery(null, null, null, null, null, null, first.next(), 1));
            assertThat(first.items())
                    .as("read by %s", reader)
                    .extracting(AuditRecord::entity)
                    .containsExactly(Entity.flag("other"));
            assertThat(second.items())
                    .as("read by %s", reader)
                    .extracting(AuditRecord::entity)
                    .containsExactly(Entity.flag("checkout"));
            assertThat(second.next()).as("read by %s", reader).isNull();
        }
        assertThat(read(UseCases.ADMIN, everything()).items())
                .extracting(item -> item.entity().type())
                .containsExactly("flag", "user", "key", "flag");
    }

    private void record(AuditEntry... entries) {
        useCases.store.inTransaction(repositories -> {
            List.of(entries).forEach(repositories.audit()::record);
            return null;
        });
    }

    private void create(FlagKey key) {
        useCases.createFlag.create(
                new CreateFlag.Command(UseCases.ADMIN, key, null, null, null, null, null, null, null));
    }

    private AuditPage read(Principal reader, AuditQuery filter) {
        Outcome<AuditPage> outcome = useCases.readAuditTrail.read(new ReadAuditTrail.Query(reader, filter));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<AuditPage>) outcome).value();
    }

    private static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null, null, AuditQuery.MAX_LIMIT);
    }
}
