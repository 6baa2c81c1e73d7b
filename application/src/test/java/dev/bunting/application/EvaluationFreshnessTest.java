package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.ErrorCode;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.VariantKey;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Evaluations go through the config cache; every write must show in the very next evaluation. */
class EvaluationFreshnessTest {

    private final UseCases useCases = new UseCases();
    private final FlagKey key = new FlagKey("dark-mode");
    /** Evaluations here are made as a server holding credentials would make them; access itself is EvaluationAccessTest's. */
    private static final EvaluationAccess SERVER = new EvaluationAccess.Authenticated(UseCases.VIEWER);

    private final EvaluationContext alice = EvaluationContext.of("alice");

    @Test
    void a_toggle_shows_in_the_next_evaluation_even_after_the_environment_was_cached() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));
        assertThat(evaluate(EnvironmentKey.PRODUCTION).reason()).isEqualTo(Reason.DISABLED);

        change(new ConfigChange.Toggle(true));

        Evaluation evaluation = evaluate(EnvironmentKey.PRODUCTION);
        assertThat(evaluation.reason()).isEqualTo(Reason.STATIC);
        assertThat(evaluation.value()).isEqualTo(true);
    }

    @Test
    void a_target_added_after_caching_wins_at_once() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));
        change(new ConfigChange.Toggle(true));
        change(new ConfigChange.Rollout(java.math.BigDecimal.ZERO));
        assertThat(evaluate(EnvironmentKey.PRODUCTION).value()).isEqualTo(false);

        change(new ConfigChange.AddTarget(VariantKey.TRUE, "alice"));

        assertThat(evaluate(EnvironmentKey.PRODUCTION).reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(evaluate(EnvironmentKey.PRODUCTION).value()).isEqualTo(true);
    }

    @Test
    void a_flag_created_or_deleted_after_caching_appears_or_disappears_at_once() {
        assertThat(evaluate(EnvironmentKey.PRODUCTION).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);

        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));
        assertThat(evaluate(EnvironmentKey.PRODUCTION).errorCode()).isNull();

        useCases.deleteFlag.delete(new DeleteFlag.Command(UseCases.ADMIN, key, OptionalLong.empty()));
        assertThat(evaluate(EnvironmentKey.PRODUCTION).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    }

    @Test
    void an_unknown_environment_is_not_found_and_creating_it_takes_effect_at_once() {
        EnvironmentKey qa = new EnvironmentKey("qa");
        EvaluateFlag.Query query = new EvaluateFlag.Query(qa, "dark-mode", alice, Optional.empty(), SERVER);
        assertThat(useCases.evaluateFlag.evaluate(query)).isEqualTo(Outcome.notFound("environment 'qa'"));

        useCases.createEnvironment.create(
                new CreateEnvironment.Command(UseCases.ADMIN, qa, "QA", false, Optional.empty()));
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));

        assertThat(useCases.evaluateFlag.evaluate(query)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void a_protected_environment_cannot_be_deleted_and_an_unprotected_one_can() {
        Outcome<Environment> production = useCases.deleteEnvironment.delete(
                new DeleteEnvironment.Command(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        Outcome<Environment> staging = useCases.deleteEnvironment.delete(
                new DeleteEnvironment.Command(UseCases.ADMIN, EnvironmentKey.STAGING));

        assertThat(production).isInstanceOf(Outcome.Refused.class);
        assertThat(staging).isInstanceOf(Outcome.Done.class);
        assertThat(useCases.evaluateFlag.evaluate(
                        new EvaluateFlag.Query(EnvironmentKey.STAGING, "dark-mode", alice, Optional.empty(), SERVER)))
                .isInstanceOf(Outcome.NotFound.class);
    }

    @Test
    void asking_for_the_wrong_kind_is_a_type_mismatch() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));

        Outcome<EvaluateFlag.Result> outcome = useCases.evaluateFlag.evaluate(new EvaluateFlag.Query(
                EnvironmentKey.PRODUCTION, "dark-mode", alice, Optional.of(FlagKind.STRING), SERVER));

        assertThat(((Outcome.Done<EvaluateFlag.Result>) outcome)
                        .value()
                        .evaluation()
                        .errorCode())
                .isEqualTo(ErrorCode.TYPE_MISMATCH);
    }

    @Test
    void bulk_evaluation_covers_every_flag_in_key_order() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("zeta"));
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("alpha"));

        Outcome<EvaluateAllFlags.Result> outcome = useCases.evaluateAllFlags.evaluate(
                new EvaluateAllFlags.Query(EnvironmentKey.DEVELOPMENT, alice, SERVER));

        assertThat(((Outcome.Done<EvaluateAllFlags.Result>) outcome).value().evaluations())
                .extracting(Evaluation::flagKey)
                .containsExactly("alpha", "zeta");
    }

    private void change(ConfigChange change) {
        Outcome<?> outcome = useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN, key, EnvironmentKey.PRODUCTION, OptionalLong.empty(), change));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
    }

    private Evaluation evaluate(EnvironmentKey environment) {
        Outcome<EvaluateFlag.Result> outcome = useCases.evaluateFlag.evaluate(
                new EvaluateFlag.Query(environment, "dark-mode", alice, Optional.empty(), SERVER));
        return ((Outcome.Done<EvaluateFlag.Result>) outcome).value().evaluation();
    }
}
