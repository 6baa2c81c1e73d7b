package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.GetFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FlagLifecycleTest {

    private final UseCases useCases = new UseCases();
    private final FlagKey key = new FlagKey("new-checkout");

    @Test
    void a_new_boolean_flag_gets_defaults_true_false_variants_and_is_audited() {
        Flag flag = created(useCases.createFlag.create(booleanFlag("new-checkout")));

        assertThat(flag.name()).isEqualTo("new-checkout");
        assertThat(flag.salt()).isEqualTo("new-checkout");
        assertThat(flag.bucketBy()).isEqualTo(Flag.TARGETING_KEY);
        assertThat(flag.variants()).extracting(Variant::key).containsExactly(VariantKey.TRUE, VariantKey.FALSE);
        assertThat(flag.version()).isEqualTo(1);
        assertThat(flag.createdAt()).isEqualTo(UseCases.NOW);
        assertThat(useCases.store.auditTrail()).extracting(AuditEntry::action).containsExactly("flag.created");
    }

    @Test
    void creating_a_flag_whose_key_is_taken_is_refused_and_changes_nothing() {
        useCases.createFlag.create(booleanFlag("new-checkout"));

        Outcome<Flag> second = useCases.createFlag.create(booleanFlag("new-checkout"));

        assertThat(second).isInstanceOf(Outcome.AlreadyExists.class);
        assertThat(useCases.store.auditTrail()).hasSize(1);
    }

    @Test
    void an_update_naming_a_stale_version_is_a_conflict_and_changes_nothing() {
        useCases.createFlag.create(booleanFlag("new-checkout"));
        useCases.updateFlag.update(rename(1, "First"));

        Outcome<Flag> stale = useCases.updateFlag.update(rename(1, "Second"));

        assertThat(stale).isEqualTo(new Outcome.VersionConflict<Flag>("flag 'new-checkout'", 2));
        Outcome<GetFlag.FlagView> stored = useCases.getFlag.get(UseCases.VIEWER, key);
        assertThat(((Outcome.Done<GetFlag.FlagView>) stored).value().flag().name())
                .isEqualTo("First");
    }

    @Test
    void removing_a_variant_that_an_environment_still_serves_is_refused() {
        useCases.createFlag.create(new CreateFlag.Command(
                UseCases.ADMIN,
                key,
                null,
                null,
                null,
                FlagKind.STRING,
                List.of(Variant.of("red", "red"), Variant.of("blue", "blue")),
                null,
                null));
        change(
                ConfigChange.Replace.class,
                new ConfigChange.Replace(
                        new FlagConfig(true, new VariantKey("red"), List.of(), List.of(), Serve.variant("blue"))));

        Outcome<Flag> outcome = useCases.updateFlag.update(new UpdateFlag.Command(
                UseCases.ADMIN, key, 1, null, null, null, null, List.of(Variant.of("red", "red")), null, null));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Refused.class,
                        refused -> assertThat(refused.reason()).contains("blue"));
    }

    @Test
    void a_flag_kind_cannot_change() {
        useCases.createFlag.create(booleanFlag("new-checkout"));

        Outcome<Flag> outcome = useCases.updateFlag.update(
                new UpdateFlag.Command(UseCases.ADMIN, key, 1, null, null, null, FlagKind.STRING, null, null, null));

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void a_rollout_sets_the_fallthrough_split_and_the_audit_entry_has_before_and_after() {
        useCases.createFlag.create(booleanFlag("new-checkout"));

        EnvironmentConfig config = change(ConfigChange.Rollout.class, new ConfigChange.Rollout(new BigDecimal("30")));

        assertThat(config.version()).isEqualTo(1);
        assertThat(config.config().fallthrough())
                .isEqualTo(new Serve.Percentage(Split.booleanRollout(new BigDecimal("30"))));
        AuditEntry entry = useCases.store.auditTrail().getLast();
        assertThat(entry.action()).isEqualTo("flag_config.rollout_set");
        assertThat(entry.resource()).isEqualTo("flag:new-checkout/production");
        assertThat(((EnvironmentConfig) entry.before()).version()).isZero();
        assertThat(entry.after()).isEqualTo(config);
    }

    @Test
    void a_rollout_on_a_string_flag_is_refused() {
        useCases.createFlag.create(new CreateFlag.Command(
                UseCases.ADMIN,
                key,
                null,
                null,
                null,
                FlagKind.STRING,
                List.of(Variant.of("a", "a"), Variant.of("b", "b")),
                null,
                null));

        Outcome<EnvironmentConfig> outcome =
                useCases.changeConfig.change(command(OptionalLong.empty(), new ConfigChange.Rollout(BigDecimal.TEN)));

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void a_config_change_naming_a_stale_version_is_a_conflict() {
        useCases.createFlag.create(booleanFlag("new-checkout"));
        change(ConfigChange.Toggle.class, new ConfigChange.Toggle(true));

        Outcome<EnvironmentConfig> outcome =
                useCases.changeConfig.change(command(OptionalLong.of(0), new ConfigChange.Toggle(false)));

        assertThat(outcome)
                .isEqualTo(new Outcome.VersionConflict<EnvironmentConfig>("flag 'new-checkout' in 'production'", 1));
    }

    @Test
    void a_config_with_an_unparseable_regex_is_rejected_and_nothing_is_saved_or_audited() {
        useCases.createFlag.create(booleanFlag("new-checkout"));
        Rule broken = new Rule(
                new RuleId("r1"),
                null,
                List.of(Clause.of("email", Operator.MATCHES, "(unclosed")),
                Serve.variant("true"));
        FlagConfig config = new FlagConfig(true, VariantKey.FALSE, List.of(), List.of(broken), Serve.variant("false"));

        assertThatThrownBy(() ->
                        useCases.changeConfig.change(command(OptionalLong.of(0), new ConfigChange.Replace(config))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("rules[0].clauses[0].values"));
        assertThat(useCases.store.auditTrail()).extracting(AuditEntry::action).containsExactly("flag.created");
    }

    @Test
    void a_config_serving_a_variant_the_flag_lacks_is_rejected() {
        useCases.createFlag.create(booleanFlag("new-checkout"));
        FlagConfig config = new FlagConfig(true, VariantKey.FALSE, List.of(), List.of(), Serve.variant("maybe"));

        assertThatThrownBy(() ->
                        useCases.changeConfig.change(command(OptionalLong.empty(), new ConfigChange.Replace(config))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void removing_a_target_that_is_not_there_is_refused() {
        useCases.createFlag.create(booleanFlag("new-checkout"));

        Outcome<EnvironmentConfig> outcome = useCases.changeConfig.change(
                command(OptionalLong.empty(), new ConfigChange.RemoveTarget(VariantKey.TRUE, "alice")));

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void deleting_a_flag_with_a_stale_version_is_a_conflict_and_keeps_it() {
        useCases.createFlag.create(booleanFlag("new-checkout"));
        useCases.updateFlag.update(rename(1, "Renamed"));

        Outcome<Flag> outcome =
                useCases.deleteFlag.delete(new DeleteFlag.Command(UseCases.ADMIN, key, OptionalLong.of(1)));

        assertThat(outcome).isInstanceOf(Outcome.VersionConflict.class);
        assertThat(useCases.getFlag.get(UseCases.VIEWER, key)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void a_change_for_an_unknown_environment_is_not_found() {
        useCases.createFlag.create(booleanFlag("new-checkout"));

        Outcome<EnvironmentConfig> outcome = useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN, key, new EnvironmentKey("qa"), OptionalLong.empty(), new ConfigChange.Toggle(true)));

        assertThat(outcome).isEqualTo(Outcome.notFound("environment 'qa'"));
    }

    private EnvironmentConfig change(Class<? extends ConfigChange> kind, ConfigChange change) {
        Outcome<EnvironmentConfig> outcome = useCases.changeConfig.change(command(OptionalLong.empty(), change));
        assertThat(outcome).as(kind.getSimpleName()).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<EnvironmentConfig>) outcome).value();
    }

    private ChangeFlagConfig.Command command(OptionalLong version, ConfigChange change) {
        return new ChangeFlagConfig.Command(UseCases.ADMIN, key, EnvironmentKey.PRODUCTION, version, change);
    }

    private UpdateFlag.Command rename(long version, String name) {
        return new UpdateFlag.Command(UseCases.ADMIN, key, version, name, null, null, null, null, null, null);
    }

    static CreateFlag.Command booleanFlag(String key) {
        return new CreateFlag.Command(UseCases.ADMIN, new FlagKey(key), null, null, null, null, null, null, null);
    }

    static Flag created(Outcome<Flag> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<Flag>) outcome).value();
    }
}
