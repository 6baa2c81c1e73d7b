package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.FlagKey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Use cases refuse what the role matrix forbids, and a refusal changes nothing and audits nothing. */
class AuthorisationTest {

    private final UseCases useCases = new UseCases();
    private final FlagKey key = new FlagKey("checkout");

    @Test
    void a_viewer_cannot_create_a_flag() {
        Outcome<?> outcome = useCases.createFlag.create(create(UseCases.VIEWER));

        assertThat(outcome).isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.store.auditTrail()).isEmpty();
    }

    @Test
    void a_developer_changes_staging_but_not_production_and_the_refusal_leaves_no_trace() {
        useCases.createFlag.create(create(UseCases.DEVELOPER));
        List<AuditEntry> before = useCases.store.auditTrail();

        Outcome<EnvironmentConfig> staging = toggle(UseCases.DEVELOPER, EnvironmentKey.STAGING);
        List<AuditEntry> afterStaging = useCases.store.auditTrail();
        Outcome<EnvironmentConfig> production = toggle(UseCases.DEVELOPER, EnvironmentKey.PRODUCTION);

        assertThat(staging).isInstanceOf(Outcome.Done.class);
        assertThat(afterStaging).hasSize(before.size() + 1);
        assertThat(production).isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.store.auditTrail()).isEqualTo(afterStaging);
        assertThat(toggle(UseCases.ADMIN, EnvironmentKey.PRODUCTION)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void only_an_admin_deletes_flags_and_manages_environments() {
        useCases.createFlag.create(create(UseCases.ADMIN));
        EnvironmentKey qa = new EnvironmentKey("qa");

        assertThat(useCases.deleteFlag.delete(new DeleteFlag.Command(UseCases.DEVELOPER, key, OptionalLong.empty())))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.createEnvironment.create(
                        new CreateEnvironment.Command(UseCases.DEVELOPER, qa, null, false, Optional.empty())))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.deleteEnvironment.delete(
                        new DeleteEnvironment.Command(UseCases.DEVELOPER, EnvironmentKey.STAGING)))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.createEnvironment.create(
                        new CreateEnvironment.Command(UseCases.ADMIN, qa, null, false, Optional.empty())))
                .isInstanceOf(Outcome.Done.class);
        assertThat(useCases.deleteFlag.delete(new DeleteFlag.Command(UseCases.ADMIN, key, OptionalLong.empty())))
                .isInstanceOf(Outcome.Done.class);
    }

    @Test
    void the_audit_trail_names_the_principal_who_made_each_change() {
        useCases.createFlag.create(create(UseCases.DEVELOPER));

        assertThat(useCases.store.auditTrail().getLast().actor().name()).isEqualTo("dev@example.com");
    }

    private CreateFlag.Command create(Principal principal) {
        return new CreateFlag.Command(principal, key, null, null, null, null, null, null, null);
    }

    private Outcome<EnvironmentConfig> toggle(Principal principal, EnvironmentKey environment) {
        return useCases.changeConfig.change(new ChangeFlagConfig.Command(
                principal, key, environment, OptionalLong.empty(), new ConfigChange.Toggle(null)));
    }
}
