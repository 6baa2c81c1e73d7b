package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.flag.ArchiveFlag;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.RestoreFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.audit.FieldChange;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.ErrorCode;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.FlagPage;
import dev.bunting.domain.port.FlagQuery;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Archiving takes a flag out of evaluation everywhere, keeps what it served, and restoring brings that back. */
class FlagArchiveTest {

    private static final EvaluationAccess SERVER = new EvaluationAccess.Authenticated(UseCases.VIEWER);
    private final UseCases useCases = new UseCases();
    private final FlagKey key = new FlagKey("dark-mode");
    private final EvaluationContext alice = EvaluationContext.of("alice");

    @BeforeEach
    void aFlagServingAliceInProduction() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(key.value())));
        change(new ConfigChange.Toggle(true));
        change(new ConfigChange.Rollout(BigDecimal.ZERO));
        change(new ConfigChange.AddTarget(VariantKey.TRUE, "alice"));
    }

    @Test
    void an_archived_flag_is_not_found_by_evaluations_and_a_restored_one_serves_as_before() {
        Evaluation before = evaluate();
        assertThat(before.reason()).isEqualTo(Reason.TARGETING_MATCH);

        Flag archived = done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));

        assertThat(archived.archivedAt()).isEqualTo(UseCases.NOW);
        assertThat(archived.version()).isEqualTo(2);
        assertThat(evaluate().errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(evaluateAll(EnvironmentKey.PRODUCTION)).isEmpty();
        assertThat(evaluateAll(EnvironmentKey.STAGING)).isEmpty();

        Flag restored = done(useCases.restoreFlag.restore(restore(UseCases.ADMIN)));

        assertThat(restored.isArchived()).isFalse();
        assertThat(restored.version()).isEqualTo(3);
        assertThat(evaluate()).isEqualTo(before);
    }

    @Test
    void archiving_and_restoring_are_audited_with_the_archived_field_in_the_diff() {
        done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));
        done(useCases.restoreFlag.restore(restore(UseCases.ADMIN)));

        List<AuditEntry> trail = useCases.store.auditTrail();
        AuditEntry archived = trail.get(trail.size() - 2);
        AuditEntry restored = trail.getLast();
        assertThat(archived.action()).isEqualTo("flag.archived");
        assertThat(archived.resource()).isEqualTo("flag:dark-mode");
        assertThat(AuditRecord.of(1, archived).diff())
                .containsExactly(
                        new FieldChange("archived_at", null, UseCases.NOW.toString()),
                        new FieldChange("version", BigDecimal.ONE, BigDecimal.TWO));
        assertThat(restored.action()).isEqualTo("flag.restored");
        assertThat(AuditRecord.of(2, restored).diff())
                .containsExactly(
                        new FieldChange("archived_at", UseCases.NOW.toString(), null),
                        new FieldChange("version", BigDecimal.TWO, BigDecimal.valueOf(3)));
    }

    @Test
    void the_flag_list_leaves_archived_flags_out_unless_asked_for_them() {
        FlagLifecycleTest.created(useCases.createFlag.create(FlagLifecycleTest.booleanFlag("kept")));
        done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));

        assertThat(keys(new FlagQuery(null, null, FlagQuery.State.ACTIVE, 10, 0)))
                .containsExactly("kept");
        assertThat(keys(new FlagQuery(null, null, FlagQuery.State.ARCHIVED, 10, 0)))
                .containsExactly("dark-mode");
        assertThat(keys(new FlagQuery(null, null, FlagQuery.State.ALL, 10, 0))).containsExactly("dark-mode", "kept");
    }

    @Test
    void an_archived_flag_its_configs_and_experiments_on_it_cannot_change_until_restored() {
        done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));
        int audited = useCases.store.auditTrail().size();

        assertThat(useCases.updateFlag.update(
                        new UpdateFlag.Command(UseCases.ADMIN, key, 2, "Renamed", null, null, null, null, null, null)))
                .isEqualTo(new Outcome.Refused<Flag>("flag 'dark-mode' is archived; restore it first"));
        assertThat(useCases.changeConfig.change(new ChangeFlagConfig.Command(
                        UseCases.ADMIN,
                        key,
                        EnvironmentKey.PRODUCTION,
                        OptionalLong.empty(),
                        new ConfigChange.Toggle(false))))
                .isInstanceOf(Outcome.Refused.class);
        assertThat(useCases.createExperiment.create(experimentOnTheFlag())).isInstanceOf(Outcome.Refused.class);

        assertThat(useCases.store.auditTrail()).hasSize(audited);
        done(useCases.restoreFlag.restore(restore(UseCases.ADMIN)));
        assertThat(useCases.changeConfig.change(new ChangeFlagConfig.Command(
                        UseCases.ADMIN,
                        key,
                        EnvironmentKey.PRODUCTION,
                        OptionalLong.empty(),
                        new ConfigChange.Toggle(false))))
                .isInstanceOf(Outcome.Done.class);
    }

    @Test
    void an_experiment_drafted_before_the_flag_was_archived_cannot_start() {
        done(useCases.createExperiment.create(experimentOnTheFlag()));
        change(new ConfigChange.Rollout(new BigDecimal("50")));
        done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));

        assertThat(useCases.changeExperiment.start(new ChangeExperiment.Target(
                        UseCases.ADMIN, new ExperimentKey("dark-test"), OptionalLong.empty())))
                .isEqualTo(new Outcome.Refused<>("flag 'dark-mode' is archived; restore it first"));
    }

    @Test
    void archiving_is_refused_while_an_experiment_runs_on_the_flag_naming_the_experiment() {
        done(useCases.createExperiment.create(experimentOnTheFlag()));
        change(new ConfigChange.Rollout(new BigDecimal("50")));
        done(useCases.changeExperiment.start(
                new ChangeExperiment.Target(UseCases.ADMIN, new ExperimentKey("dark-test"), OptionalLong.empty())));

        Outcome<Flag> outcome = useCases.archiveFlag.archive(archive(UseCases.ADMIN));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Refused.class,
                        refused -> assertThat(refused.reason())
                                .isEqualTo("experiment 'dark-test' runs on flag 'dark-mode' in 'production'; stop it,"
                                        + " with a decision, first"));
        assertThat(stored().isArchived()).isFalse();
    }

    @Test
    void archiving_twice_or_restoring_an_active_flag_is_refused_and_changes_nothing() {
        assertThat(useCases.restoreFlag.restore(restore(UseCases.ADMIN)))
                .isEqualTo(new Outcome.Refused<Flag>("flag 'dark-mode' is not archived"));
        done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));
        int audited = useCases.store.auditTrail().size();

        assertThat(useCases.archiveFlag.archive(archive(UseCases.ADMIN)))
                .isEqualTo(new Outcome.Refused<Flag>("flag 'dark-mode' is archived already"));
        assertThat(useCases.store.auditTrail()).hasSize(audited);
        assertThat(stored().version()).isEqualTo(2);
    }

    @Test
    void a_stale_version_is_a_conflict_and_an_unknown_flag_is_not_found() {
        assertThat(useCases.archiveFlag.archive(new ArchiveFlag.Command(UseCases.ADMIN, key, OptionalLong.of(7))))
                .isEqualTo(new Outcome.VersionConflict<Flag>("flag 'dark-mode'", 1));
        assertThat(useCases.archiveFlag.archive(
                        new ArchiveFlag.Command(UseCases.ADMIN, new FlagKey("nope"), OptionalLong.empty())))
                .isEqualTo(Outcome.<Flag>notFound("flag 'nope'"));
        assertThat(stored().isArchived()).isFalse();
    }

    @Test
    void only_admins_restore_as_only_they_archive_and_delete() {
        done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));

        assertThat(useCases.restoreFlag.restore(restore(UseCases.DEVELOPER))).isInstanceOf(Outcome.Forbidden.class);
        assertThat(useCases.restoreFlag.restore(restore(UseCases.VIEWER))).isInstanceOf(Outcome.Forbidden.class);
        assertThat(stored().isArchived()).isTrue();
    }

    @Test
    void an_archived_flag_can_be_deleted() {
        done(useCases.archiveFlag.archive(archive(UseCases.ADMIN)));

        done(useCases.deleteFlag.delete(new DeleteFlag.Command(UseCases.ADMIN, key, OptionalLong.of(2))));

        Optional<Flag> found = useCases.store.inTransaction(r -> r.flags().find(key));
        assertThat(found).isEmpty();
    }

    private ArchiveFlag.Command archive(Principal principal) {
        return new ArchiveFlag.Command(principal, key, OptionalLong.empty());
    }

    private RestoreFlag.Command restore(Principal principal) {
        return new RestoreFlag.Command(principal, key, OptionalLong.empty());
    }

    private CreateExperiment.Command experimentOnTheFlag() {
        return new CreateExperiment.Command(
                UseCases.ADMIN,
                new ExperimentKey("dark-test"),
                "Dark test",
                "Dark mode keeps people longer",
                key,
                EnvironmentKey.PRODUCTION,
                VariantKey.FALSE,
                List.of(new Metric(
                        new MetricKey("conversion"),
                        new EventName("converted"),
                        MetricType.BINOMIAL,
                        MetricRole.PRIMARY,
                        Metric.DEFAULT_WINDOW)));
    }

    private Flag stored() {
        return useCases.store.inTransaction(r -> r.flags().find(key)).orElseThrow();
    }

    private List<String> keys(FlagQuery query) {
        FlagPage page = done(useCases.listFlags.list(UseCases.VIEWER, query));
        return page.items().stream().map(flag -> flag.key().value()).toList();
    }

    private void change(ConfigChange change) {
        done(useCases.changeConfig.change(new ChangeFlagConfig.Command(
                UseCases.ADMIN, key, EnvironmentKey.PRODUCTION, OptionalLong.empty(), change)));
    }

    private Evaluation evaluate() {
        return done(useCases.evaluateFlag.evaluate(new EvaluateFlag.Query(
                        EnvironmentKey.PRODUCTION, key.value(), alice, Optional.empty(), SERVER)))
                .evaluation();
    }

    private List<Evaluation> evaluateAll(EnvironmentKey environment) {
        return done(useCases.evaluateAllFlags.evaluate(new EvaluateAllFlags.Query(environment, alice, SERVER)))
                .evaluations();
    }

    private static <T> T done(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<T>) outcome).value();
    }
}
