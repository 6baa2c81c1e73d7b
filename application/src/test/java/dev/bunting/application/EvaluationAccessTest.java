package dev.bunting.application;

import static dev.bunting.domain.environment.EnvironmentKey.DEVELOPMENT;
import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.key.KeyScope;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may evaluate where: public environments serve anyone, others need an SDK key for them or a signed-in principal. */
class EvaluationAccessTest {

    private static final EvaluationAccess ANONYMOUS = EvaluationAccess.ANONYMOUS;
    private static final EvaluationAccess PRODUCTION_SDK_KEY =
            new EvaluationAccess.SdkKey(PRODUCTION, KeyScope.Side.SERVER);
    private static final EvaluationAccess VIEWER = new EvaluationAccess.Authenticated(UseCases.VIEWER);

    private final UseCases useCases = new UseCases();

    @BeforeEach
    void aFlag() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));
    }

    @Test
    void development_and_staging_are_public_by_default_and_production_is_not() {
        assertThat(evaluate(DEVELOPMENT, ANONYMOUS)).isInstanceOf(Outcome.Done.class);
        assertThat(evaluate(STAGING, ANONYMOUS)).isInstanceOf(Outcome.Done.class);
        assertThat(evaluate(PRODUCTION, ANONYMOUS)).isInstanceOf(Outcome.Unauthenticated.class);
        assertThat(evaluateAll(PRODUCTION, ANONYMOUS)).isInstanceOf(Outcome.Unauthenticated.class);
    }

    @Test
    void an_sdk_key_evaluates_in_its_own_environment_only() {
        assertThat(evaluate(PRODUCTION, PRODUCTION_SDK_KEY)).isInstanceOf(Outcome.Done.class);
        assertThat(evaluateAll(PRODUCTION, PRODUCTION_SDK_KEY)).isInstanceOf(Outcome.Done.class);

        assertThat(evaluate(STAGING, PRODUCTION_SDK_KEY)).isInstanceOf(Outcome.Forbidden.class);
        assertThat(evaluateAll(DEVELOPMENT, PRODUCTION_SDK_KEY)).isInstanceOf(Outcome.Forbidden.class);
    }

    @Test
    void a_signed_in_principal_who_may_read_flags_evaluates_anywhere() {
        assertThat(evaluate(PRODUCTION, VIEWER)).isInstanceOf(Outcome.Done.class);
        assertThat(evaluate(STAGING, VIEWER)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void closing_an_environment_to_public_evaluation_takes_effect_for_the_next_evaluation() {
        assertThat(evaluate(DEVELOPMENT, ANONYMOUS)).isInstanceOf(Outcome.Done.class);

        var close = new UpdateEnvironment.Command(
                UseCases.ADMIN, DEVELOPMENT, Optional.empty(), Optional.empty(), Optional.of(false));
        assertThat(useCases.updateEnvironment.update(close)).isInstanceOf(Outcome.Done.class);

        assertThat(evaluate(DEVELOPMENT, ANONYMOUS)).isInstanceOf(Outcome.Unauthenticated.class);
        var open = new UpdateEnvironment.Command(
                UseCases.ADMIN, PRODUCTION, Optional.empty(), Optional.empty(), Optional.of(true));
        assertThat(useCases.updateEnvironment.update(open)).isInstanceOf(Outcome.Done.class);
        assertThat(evaluate(PRODUCTION, ANONYMOUS)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void only_admins_change_an_environment_and_a_refusal_changes_nothing() {
        var close = new UpdateEnvironment.Command(
                UseCases.DEVELOPER, DEVELOPMENT, Optional.of("Dev"), Optional.empty(), Optional.of(false));
        int entries = useCases.store.auditTrail().size();

        assertThat(useCases.updateEnvironment.update(close)).isInstanceOf(Outcome.Forbidden.class);

        assertThat(evaluate(DEVELOPMENT, ANONYMOUS)).isInstanceOf(Outcome.Done.class);
        assertThat(useCases.store.auditTrail()).hasSize(entries);
    }

    @Test
    void a_change_of_settings_is_audited_with_before_and_after() {
        var close = new UpdateEnvironment.Command(
                UseCases.ADMIN, STAGING, Optional.empty(), Optional.empty(), Optional.of(false));

        useCases.updateEnvironment.update(close);

        var entry = useCases.store.auditTrail().getLast();
        assertThat(entry.action()).isEqualTo("environment.updated");
        assertThat(entry.environment()).isEqualTo(STAGING);
        assertThat(entry.before()).hasFieldOrPropertyWithValue("publicEvaluation", true);
        assertThat(entry.after()).hasFieldOrPropertyWithValue("publicEvaluation", false);
    }

    private Outcome<EvaluateFlag.Result> evaluate(EnvironmentKey environment, EvaluationAccess access) {
        return useCases.evaluateFlag.evaluate(new EvaluateFlag.Query(
                environment, "dark-mode", EvaluationContext.of("alice"), Optional.empty(), access));
    }

    private Outcome<EvaluateAllFlags.Result> evaluateAll(EnvironmentKey environment, EvaluationAccess access) {
        return useCases.evaluateAllFlags.evaluate(
                new EvaluateAllFlags.Query(environment, EvaluationContext.of("alice"), access));
    }
}
