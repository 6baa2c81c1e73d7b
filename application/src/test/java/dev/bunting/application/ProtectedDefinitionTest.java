package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.GetFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A flag's definition is shared by every environment, so changing it can change what production serves without
 * touching production's config. Such a change needs the role production's config needs; cosmetic ones do not.
 */
class ProtectedDefinitionTest {

    private final UseCases useCases = new UseCases();
    private final FlagKey key = new FlagKey("banner");

    @Test
    void a_developer_changing_a_variant_value_production_serves_is_forbidden_and_production_serves_the_old_value() {
        colours();
        configure(EnvironmentKey.PRODUCTION, new FlagConfig(true, red(), List.of(), List.of(), Serve.variant("blue")));
        List<AuditEntry> before = useCases.store.auditTrail();

        Outcome<Flag> outcome = update(
                UseCases.DEVELOPER,
                null,
                List.of(Variant.of("red", "red"), Variant.of("blue", "navy"), Variant.of("green", "green")),
                null,
                null);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Forbidden.class,
                        forbidden -> assertThat(forbidden.reason()).contains("production"));
        assertThat(useCases.store.auditTrail()).isEqualTo(before);
        assertThat(served(EnvironmentKey.PRODUCTION, "anyone").value()).isEqualTo("blue");
    }

    @Test
    void a_developer_changing_the_salt_or_bucket_by_where_production_splits_units_is_forbidden() {
        colours();
        configure(
                EnvironmentKey.PRODUCTION,
                new FlagConfig(
                        true,
                        red(),
                        List.of(),
                        List.of(),
                        Serve.split(List.of(
                                new Split.Weight(red(), 5_000), new Split.Weight(new VariantKey("blue"), 5_000)))));

        assertThat(update(UseCases.DEVELOPER, null, null, "reshuffled", null)).isInstanceOf(Outcome.Forbidden.class);
        assertThat(update(UseCases.DEVELOPER, null, null, null, "accountId")).isInstanceOf(Outcome.Forbidden.class);
        assertThat(update(UseCases.ADMIN, null, null, "reshuffled", "accountId"))
                .isInstanceOf(Outcome.Done.class);
    }

    @Test
    void a_developer_may_rename_describe_and_tag_a_flag_production_serves() {
        colours();
        configure(EnvironmentKey.PRODUCTION, new FlagConfig(true, red(), List.of(), List.of(), Serve.variant("blue")));

        Outcome<Flag> outcome = useCases.updateFlag.update(new UpdateFlag.Command(
                UseCases.DEVELOPER,
                key,
                currentVersion(),
                "Banner colour",
                "what the banner shows",
                List.of("web"),
                null,
                List.of(
                        Variant.of("red", "red"),
                        Variant.of("blue", "blue"),
                        new Variant(new VariantKey("green"), "green", "a description")),
                null,
                null));

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void a_developer_may_change_what_only_unprotected_environments_serve() {
        colours();
        configure(EnvironmentKey.PRODUCTION, new FlagConfig(true, red(), List.of(), List.of(), Serve.variant("blue")));
        configure(EnvironmentKey.STAGING, new FlagConfig(true, red(), List.of(), List.of(), Serve.variant("green")));

        Outcome<Flag> outcome = update(
                UseCases.DEVELOPER,
                null,
                List.of(Variant.of("red", "red"), Variant.of("blue", "blue"), Variant.of("green", "lime")),
                "new-salt",
                null);

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(served(EnvironmentKey.STAGING, "anyone").value()).isEqualTo("lime");
    }

    @Test
    void production_never_configured_serves_the_first_variant_so_a_developer_may_not_change_that_one() {
        colours();

        assertThat(update(
                        UseCases.DEVELOPER,
                        null,
                        List.of(Variant.of("red", "crimson"), Variant.of("blue", "blue"), Variant.of("green", "green")),
                        null,
                        null))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(update(
                        UseCases.DEVELOPER,
                        null,
                        List.of(Variant.of("blue", "blue"), Variant.of("red", "red"), Variant.of("green", "green")),
                        null,
                        null))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(update(
                        UseCases.DEVELOPER,
                        null,
                        List.of(Variant.of("red", "red"), Variant.of("blue", "blue"), Variant.of("green", "lime")),
                        null,
                        null))
                .isInstanceOf(Outcome.Done.class);
        assertThat(served(EnvironmentKey.PRODUCTION, "anyone").value()).isEqualTo("red");
    }

    @Test
    void once_production_is_unprotected_a_developer_may_change_what_it_serves() {
        colours();
        configure(EnvironmentKey.PRODUCTION, new FlagConfig(true, red(), List.of(), List.of(), Serve.variant("blue")));
        useCases.updateEnvironment.update(new UpdateEnvironment.Command(
                UseCases.ADMIN, EnvironmentKey.PRODUCTION, Optional.empty(), Optional.of(false), Optional.empty()));

        assertThat(update(
                        UseCases.DEVELOPER,
                        null,
                        List.of(Variant.of("red", "red"), Variant.of("blue", "navy"), Variant.of("green", "green")),
                        null,
                        null))
                .isInstanceOf(Outcome.Done.class);
    }

    private void colours() {
        Outcome<Flag> created = useCases.createFlag.create(new CreateFlag.Command(
                UseCases.ADMIN,
                key,
                null,
                null,
                null,
                FlagKind.STRING,
                List.of(Variant.of("red", "red"), Variant.of("blue", "blue"), Variant.of("green", "green")),
                null,
                null));
        assertThat(created).isInstanceOf(Outcome.Done.class);
    }

    private void configure(EnvironmentKey environment, FlagConfig config) {
        Outcome<?> outcome = useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN, key, environment, OptionalLong.empty(), new ConfigChange.Replace(config)));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
    }

    private Outcome<Flag> update(
            Principal principal, String name, List<Variant> variants, String salt, String bucketBy) {
        return useCases.updateFlag.update(new UpdateFlag.Command(
                principal, key, currentVersion(), name, null, null, null, variants, salt, bucketBy));
    }

    private long currentVersion() {
        return ((Outcome.Done<GetFlag.FlagView>) useCases.getFlag.get(UseCases.VIEWER, key))
                .value()
                .flag()
                .version();
    }

    private Evaluation served(EnvironmentKey environment, String unit) {
        Outcome<EvaluateFlag.Result> outcome = useCases.evaluateFlag.evaluate(new EvaluateFlag.Query(
                environment,
                key.value(),
                EvaluationContext.of(unit),
                Optional.empty(),
                new EvaluationAccess.Authenticated(UseCases.ADMIN)));
        return ((Outcome.Done<EvaluateFlag.Result>) outcome).value().evaluation();
    }

    private static VariantKey red() {
        return new VariantKey("red");
    }
}
