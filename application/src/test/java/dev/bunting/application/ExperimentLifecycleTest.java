package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Decision;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.Phase;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentQuery;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentLifecycleTest {

    private static final FlagKey FLAG = new FlagKey("new-checkout");
    private static final ExperimentKey KEY = new ExperimentKey("checkout-test");
    private static final Metric CONVERSION = new Metric(
            new MetricKey("conversion"),
            new EventName("checkout-completed"),
            MetricType.BINOMIAL,
            MetricRole.PRIMARY,
            Metric.DEFAULT_WINDOW);

    private final UseCases useCases = new UseCases();

    @BeforeEach
    void aBooleanFlag() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())));
    }

    private Outcome<Experiment> draft(Principal principal, EnvironmentKey environment) {
        return useCases.createExperiment.create(new CreateExperiment.Command(
                principal,
                KEY,
                "Checkout test",
                "The new checkout converts better",
                FLAG,
                environment,
                VariantKey.FALSE,
                List.of(CONVERSION)));
    }

    private Outcome<EnvironmentConfig> rollout(String percentage, EnvironmentKey environment) {
        return useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN,
                FLAG,
                environment,
                OptionalLong.empty(),
                new ConfigChange.Rollout(new BigDecimal(percentage))));
    }

    private ChangeExperiment.Target target(Principal principal) {
        return new ChangeExperiment.Target(principal, KEY, OptionalLong.empty());
    }

    private static <T> T done(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<T>) outcome).value();
    }

    private AuditEntry lastAudit() {
        return useCases.store.auditTrail().getLast();
    }

    @Test
    void a_draft_is_created_and_audited_and_every_role_can_read_it() {
        Experiment draft = done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));

        assertThat(draft.status()).isEqualTo(ExperimentStatus.DRAFT);
        assertThat(lastAudit().action()).isEqualTo("experiment.created");
        assertThat(lastAudit().resource()).isEqualTo("experiment:checkout-test/production");
        assertThat(done(useCases.readExperiments.get(UseCases.VIEWER, KEY))).isEqualTo(draft);
        assertThat(done(useCases.readExperiments.list(UseCases.VIEWER, ExperimentQuery.ALL)))
                .containsExactly(draft);
    }

    @Test
    void a_developer_manages_experiments_in_staging_but_not_in_protected_production() {
        assertThat(draft(UseCases.DEVELOPER, EnvironmentKey.PRODUCTION)).isInstanceOf(Outcome.Forbidden.class);
        assertThat(draft(UseCases.VIEWER, EnvironmentKey.STAGING)).isInstanceOf(Outcome.Forbidden.class);
        done(draft(UseCases.DEVELOPER, EnvironmentKey.STAGING));
        done(rollout("50", EnvironmentKey.STAGING));

        assertThat(done(useCases.changeExperiment.start(target(UseCases.DEVELOPER)))
                        .status())
                .isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void a_developer_cannot_start_or_stop_a_production_experiment() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(rollout("50", EnvironmentKey.PRODUCTION));

        assertThat(useCases.changeExperiment.start(target(UseCases.DEVELOPER))).isInstanceOf(Outcome.Forbidden.class);
        done(useCases.changeExperiment.start(target(UseCases.ADMIN)));
        assertThat(useCases.changeExperiment.stop(target(UseCases.DEVELOPER), Decision.rollBack("")))
                .isInstanceOf(Outcome.Forbidden.class);
    }

    @Test
    void the_control_must_be_one_of_the_flags_variants() {
        assertThatThrownBy(() -> useCases.createExperiment.create(new CreateExperiment.Command(
                        UseCases.ADMIN,
                        KEY,
                        "Checkout test",
                        "",
                        FLAG,
                        EnvironmentKey.PRODUCTION,
                        new VariantKey("blue"),
                        List.of(CONVERSION))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("control"));
        assertThat(useCases.store.auditTrail())
                .noneMatch(entry -> entry.action().startsWith("experiment."));
    }

    @Test
    void an_experiment_on_a_flag_that_serves_one_variant_to_everyone_cannot_start() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));

        Outcome<Experiment> outcome = useCases.changeExperiment.start(target(UseCases.ADMIN));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Refused.class, r -> assertThat(r.reason()).contains("give its fallthrough a split"));
    }

    @Test
    void starting_takes_the_splits_weights_as_phase_one() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(rollout("30", EnvironmentKey.PRODUCTION));

        Experiment running = done(useCases.changeExperiment.start(target(UseCases.ADMIN)));

        assertThat(running.currentPhase())
                .hasValueSatisfying(
                        phase -> assertThat(phase.split()).isEqualTo(Split.booleanRollout(BigDecimal.valueOf(30))));
        assertThat(lastAudit().action()).isEqualTo("experiment.started");
    }

    @Test
    void changing_the_weights_while_running_opens_a_new_phase_in_the_same_change() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(rollout("10", EnvironmentKey.PRODUCTION));
        done(useCases.changeExperiment.start(target(UseCases.ADMIN)));

        done(rollout("50", EnvironmentKey.PRODUCTION));

        Experiment experiment = done(useCases.readExperiments.get(UseCases.ADMIN, KEY));
        assertThat(experiment.phases()).extracting(Phase::number).containsExactly(1, 2);
        assertThat(experiment.phases().getLast().split()).isEqualTo(Split.booleanRollout(BigDecimal.valueOf(50)));
        List<AuditEntry> trail = useCases.store.auditTrail();
        assertThat(trail.subList(trail.size() - 2, trail.size()))
                .extracting(AuditEntry::action)
                .containsExactlyInAnyOrder("experiment.phase_started", "flag_config.rollout_set");
        // a toggle leaves the split, and the phase, alone
        useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN, FLAG, EnvironmentKey.PRODUCTION, OptionalLong.empty(), new ConfigChange.Toggle(true)));
        assertThat(done(useCases.readExperiments.get(UseCases.ADMIN, KEY)).phases())
                .hasSize(2);
    }

    @Test
    void while_running_the_split_cannot_become_one_variant_for_everyone_and_the_flag_cannot_be_deleted() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(rollout("50", EnvironmentKey.PRODUCTION));
        done(useCases.changeExperiment.start(target(UseCases.ADMIN)));

        assertThat(rollout("100", EnvironmentKey.PRODUCTION)).isInstanceOf(Outcome.Refused.class);
        assertThat(useCases.changeConfig.change(new ChangeFlagConfig.Command(
                        UseCases.ADMIN,
                        FLAG,
                        EnvironmentKey.PRODUCTION,
                        OptionalLong.empty(),
                        new ConfigChange.Replace(useCases.store
                                .inTransaction(r -> r.flags().findConfig(FLAG, EnvironmentKey.PRODUCTION))
                                .orElseThrow()
                                .config()
                                .withFallthrough(new Serve.Fixed(VariantKey.TRUE))))))
                .isInstanceOf(Outcome.Refused.class);
        assertThat(useCases.deleteFlag.delete(new DeleteFlag.Command(UseCases.ADMIN, FLAG, OptionalLong.empty())))
                .isInstanceOfSatisfying(
                        Outcome.Refused.class, r -> assertThat(r.reason()).contains("experiment 'checkout-test' runs"));
    }

    @Test
    void only_one_experiment_runs_on_a_flag_in_an_environment() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(rollout("50", EnvironmentKey.PRODUCTION));
        done(useCases.changeExperiment.start(target(UseCases.ADMIN)));
        ExperimentKey second = new ExperimentKey("second-test");
        done(useCases.createExperiment.create(new CreateExperiment.Command(
                UseCases.ADMIN,
                second,
                "Second",
                "",
                FLAG,
                EnvironmentKey.PRODUCTION,
                VariantKey.FALSE,
                List.of(CONVERSION))));

        Outcome<Experiment> outcome = useCases.changeExperiment.start(
                new ChangeExperiment.Target(UseCases.ADMIN, second, OptionalLong.empty()));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Refused.class, r -> assertThat(r.reason()).contains("'checkout-test' already runs"));
    }

    @Test
    void stopping_records_the_decision_then_archiving_follows_and_the_key_stays_taken() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(rollout("50", EnvironmentKey.PRODUCTION));
        done(useCases.changeExperiment.start(target(UseCases.ADMIN)));
        assertThat(useCases.deleteExperiment.delete(UseCases.ADMIN, KEY, OptionalLong.empty()))
                .isInstanceOf(Outcome.Refused.class);

        Experiment stopped =
                done(useCases.changeExperiment.stop(target(UseCases.ADMIN), Decision.ship(VariantKey.TRUE, "it won")));
        Experiment archived = done(useCases.changeExperiment.archive(target(UseCases.ADMIN)));

        assertThat(stopped.decision()).contains(Decision.ship(VariantKey.TRUE, "it won"));
        assertThat(archived.status()).isEqualTo(ExperimentStatus.ARCHIVED);
        // its units and rollups are stored under its key: a new experiment under that key would inherit them
        assertThat(useCases.deleteExperiment.delete(UseCases.ADMIN, KEY, OptionalLong.empty()))
                .isInstanceOfSatisfying(
                        Outcome.Refused.class, r -> assertThat(r.reason()).contains("has run", "archive it instead"));
        assertThat(useCases.readExperiments.get(UseCases.ADMIN, KEY)).isEqualTo(Outcome.done(archived));
        assertThat(useCases.store.auditTrail())
                .extracting(AuditEntry::action)
                .containsSubsequence(
                        "experiment.created", "experiment.started", "experiment.stopped", "experiment.archived")
                .doesNotContain("experiment.deleted");
    }

    @Test
    void a_draft_that_never_started_is_deleted_and_its_key_is_free_again() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(useCases.changeExperiment.archive(target(UseCases.ADMIN)));

        done(useCases.deleteExperiment.delete(UseCases.ADMIN, KEY, OptionalLong.empty()));

        assertThat(useCases.readExperiments.get(UseCases.ADMIN, KEY))
                .isEqualTo(Outcome.notFound("experiment 'checkout-test'"));
        assertThat(useCases.store.auditTrail()).extracting(AuditEntry::action).contains("experiment.deleted");
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
    }

    @Test
    void a_change_naming_a_stale_version_is_a_conflict_and_changes_nothing() {
        Experiment draft = done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        done(rollout("50", EnvironmentKey.PRODUCTION));

        Outcome<Experiment> outcome = useCases.changeExperiment.start(
                new ChangeExperiment.Target(UseCases.ADMIN, KEY, OptionalLong.of(draft.version() + 1)));

        assertThat(outcome).isEqualTo(new Outcome.VersionConflict<Experiment>("experiment 'checkout-test'", 1));
        assertThat(done(useCases.readExperiments.get(UseCases.ADMIN, KEY))).isEqualTo(draft);
    }

    @Test
    void the_control_changes_only_in_a_draft_and_to_a_known_variant() {
        done(draft(UseCases.ADMIN, EnvironmentKey.PRODUCTION));
        ChangeExperiment.Details toTrue =
                new ChangeExperiment.Details("Checkout test", "", VariantKey.TRUE, List.of(CONVERSION));

        assertThat(done(useCases.changeExperiment.edit(target(UseCases.ADMIN), toTrue))
                        .control())
                .isEqualTo(VariantKey.TRUE);
        assertThatThrownBy(() -> useCases.changeExperiment.edit(
                        target(UseCases.ADMIN),
                        new ChangeExperiment.Details("n", "", new VariantKey("blue"), List.of(CONVERSION))))
                .isInstanceOf(InvalidInputException.class);
        done(rollout("50", EnvironmentKey.PRODUCTION));
        done(useCases.changeExperiment.start(target(UseCases.ADMIN)));
        assertThat(useCases.changeExperiment.edit(
                        target(UseCases.ADMIN),
                        new ChangeExperiment.Details("n", "", VariantKey.FALSE, List.of(CONVERSION))))
                .isInstanceOf(Outcome.Refused.class);
        assertThat(Optional.of(lastAudit().action())).contains("experiment.started");
    }
}
