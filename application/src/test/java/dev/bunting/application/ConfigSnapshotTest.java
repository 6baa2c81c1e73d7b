package dev.bunting.application;

import static dev.bunting.domain.environment.EnvironmentKey.DEVELOPMENT;
import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.evaluation.GetConfigSnapshot;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.key.KeyScope;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The snapshot SDKs evaluate from locally: the flag set evaluation uses, at once after every change, under evaluation's access rules. */
class ConfigSnapshotTest {

    private static final EvaluationAccess SERVER = new EvaluationAccess.Authenticated(UseCases.VIEWER);

    private final UseCases useCases = new UseCases();

    @Test
    void it_holds_every_flag_by_key_with_its_config_in_that_environment_and_the_version_evaluation_reports() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("zeta"));
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("alpha"));
        toggle("alpha", PRODUCTION);

        GetConfigSnapshot.Snapshot production = snapshot(PRODUCTION, SERVER);

        assertThat(production.environment()).isEqualTo(PRODUCTION);
        assertThat(production.flags())
                .extracting(flag -> flag.flag().key().value())
                .containsExactly("alpha", "zeta");
        assertThat(production.flags())
                .extracting(flag -> flag.config().enabled())
                .containsExactly(true, false);
        assertThat(snapshot(STAGING, SERVER).flags())
                .extracting(flag -> flag.config().enabled())
                .containsExactly(false, false);
        var evaluated = (Outcome.Done<EvaluateAllFlags.Result>) useCases.evaluateAllFlags.evaluate(
                new EvaluateAllFlags.Query(PRODUCTION, EvaluationContext.of("alice"), SERVER));
        assertThat(production.version()).isEqualTo(evaluated.value().configVersion());
    }

    @Test
    void a_change_shows_in_the_next_snapshot_with_a_new_version_even_after_the_environment_was_cached() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));
        GetConfigSnapshot.Snapshot before = snapshot(PRODUCTION, SERVER);

        toggle("dark-mode", PRODUCTION);

        GetConfigSnapshot.Snapshot after = snapshot(PRODUCTION, SERVER);
        assertThat(after.flags().getFirst().config().enabled()).isTrue();
        assertThat(after.version()).isNotEqualTo(before.version());
        assertThat(snapshot(PRODUCTION, SERVER).version())
                .as("unchanged, so the same")
                .isEqualTo(after.version());
    }

    @Test
    void whoever_may_evaluate_in_an_environment_may_read_its_snapshot_and_nobody_else() {
        EvaluationAccess productionKey = new EvaluationAccess.SdkKey(PRODUCTION, KeyScope.Side.SERVER);

        assertThat(useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(DEVELOPMENT, EvaluationAccess.ANONYMOUS)))
                .isInstanceOf(Outcome.Done.class);
        assertThat(useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(PRODUCTION, EvaluationAccess.ANONYMOUS)))
                .isInstanceOf(Outcome.Unauthenticated.class);
        assertThat(useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(PRODUCTION, productionKey)))
                .isInstanceOf(Outcome.Done.class);
        assertThat(useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(STAGING, productionKey)))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(
                        PRODUCTION, new EvaluationAccess.SdkKey(PRODUCTION, KeyScope.Side.CLIENT))))
                .as("a client-side key, which is never shown the rules")
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(
                        DEVELOPMENT, new EvaluationAccess.SdkKey(DEVELOPMENT, KeyScope.Side.CLIENT))))
                .as("not even where evaluation is public")
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(new EnvironmentKey("qa"), SERVER)))
                .isEqualTo(Outcome.notFound("environment 'qa'"));
    }

    private GetConfigSnapshot.Snapshot snapshot(EnvironmentKey environment, EvaluationAccess access) {
        Outcome<GetConfigSnapshot.Snapshot> outcome =
                useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(environment, access));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<GetConfigSnapshot.Snapshot>) outcome).value();
    }

    private void toggle(String flag, EnvironmentKey environment) {
        var command = new ChangeFlagConfig.Command(
                UseCases.ADMIN, new FlagKey(flag), environment, OptionalLong.empty(), new ConfigChange.Toggle(true));
        assertThat(useCases.changeConfig.change(command)).isInstanceOf(Outcome.Done.class);
    }
}
