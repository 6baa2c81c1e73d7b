package dev.bunting.application;

import static dev.bunting.domain.environment.EnvironmentKey.DEVELOPMENT;
import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.evaluation.EnvironmentWatches;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.evaluation.GetConfigSnapshot;
import dev.bunting.application.evaluation.WatchEnvironment;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.key.KeyScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches on environments, as SDK streams hold them: each hears every new version of its environment's flag set once,
 * read after the change on the watches' executor (here a queue the test runs), and ends when it may follow no longer.
 */
class WatchEnvironmentTest {

    private static final EvaluationAccess SERVER = new EvaluationAccess.Authenticated(UseCases.VIEWER);
    private static final FlagKey DARK_MODE = new FlagKey("dark-mode");

    private final UseCases useCases = new UseCases();
    private final Queue<Runnable> handedOff = new ArrayDeque<>();
    private final EnvironmentWatches watches = new EnvironmentWatches(useCases.rules, useCases.cache, handedOff::add);
    private final WatchEnvironment watchEnvironment = new WatchEnvironment(useCases.rules, watches);

    @BeforeEach
    void aFlag() {
        useCases.createFlag.create(FlagLifecycleTest.booleanFlag("dark-mode"));
    }

    @Test
    void a_watch_starts_at_the_current_version_and_hears_each_new_one_once_it_has_been_read() {
        Heard heard = new Heard();
        EnvironmentWatches.Watch watch = watch(PRODUCTION, SERVER, heard);
        settle();
        assertThat(watch.startedAt()).isEqualTo(version(PRODUCTION));
        assertThat(heard.events).isEmpty();

        toggle(PRODUCTION, true);
        assertThat(heard.events).as("nothing before the pass runs").isEmpty();
        settle();
        String first = version(PRODUCTION);
        toggle(PRODUCTION, false);
        settle();

        assertThat(heard.events).containsExactly(first, version(PRODUCTION));
        assertThat(first).isNotEqualTo(watch.startedAt());
    }

    @Test
    void a_burst_of_changes_before_the_pass_runs_is_told_once_with_the_newest_version() {
        Heard heard = new Heard();
        watch(PRODUCTION, SERVER, heard);
        settle();

        toggle(PRODUCTION, true);
        toggle(PRODUCTION, false);
        toggle(PRODUCTION, true);
        assertThat(handedOff).as("one pass for the whole burst").hasSize(1);
        settle();

        assertThat(heard.events).containsExactly(version(PRODUCTION));
    }

    @Test
    void a_change_that_leaves_the_flag_set_as_it_was_or_changes_another_environment_tells_nobody() {
        Heard heard = new Heard();
        watch(PRODUCTION, SERVER, heard);
        settle();

        useCases.updateEnvironment.update(new UpdateEnvironment.Command(
                UseCases.ADMIN, PRODUCTION, Optional.of("Live"), Optional.empty(), Optional.empty()));
        toggle(STAGING, true);
        settle();

        assertThat(heard.events).isEmpty();
    }

    @Test
    void when_every_environment_is_invalidated_each_watched_one_is_read_again_and_only_those_that_changed_are_told() {
        Heard production = new Heard();
        Heard staging = new Heard();
        watch(PRODUCTION, SERVER, production);
        watch(STAGING, SERVER, staging);
        settle();
        useCases.store.inTransaction(repositories -> {
            Flag flag = repositories.flags().find(DARK_MODE).orElseThrow();
            EnvironmentConfig current = repositories
                    .flags()
                    .findConfig(DARK_MODE, PRODUCTION)
                    .orElseGet(() -> EnvironmentConfig.initial(flag, PRODUCTION));
            return repositories.flags().saveConfig(current.next(current.config().withEnabled(true), UseCases.NOW));
        });

        useCases.cache.invalidateAll();
        settle();

        assertThat(production.events).containsExactly(version(PRODUCTION));
        assertThat(staging.events).isEmpty();
    }

    @Test
    void a_watch_ends_when_its_environment_is_deleted() {
        Heard heard = new Heard();
        watch(STAGING, SERVER, heard);
        settle();

        useCases.deleteEnvironment.delete(new DeleteEnvironment.Command(UseCases.ADMIN, STAGING));
        settle();

        assertThat(heard.endings).isEqualTo(1);
        assertThat(watches.open()).isZero();
    }

    @Test
    void a_watch_ends_when_its_access_no_longer_lets_it_follow_and_the_others_go_on() {
        Heard anonymous = new Heard();
        Heard withKey = new Heard();
        watch(DEVELOPMENT, EvaluationAccess.ANONYMOUS, anonymous);
        watch(DEVELOPMENT, new EvaluationAccess.SdkKey(DEVELOPMENT, KeyScope.Side.SERVER), withKey);
        settle();

        useCases.updateEnvironment.update(new UpdateEnvironment.Command(
                UseCases.ADMIN, DEVELOPMENT, Optional.empty(), Optional.empty(), Optional.of(false)));
        settle();

        assertThat(anonymous.endings).isEqualTo(1);
        assertThat(withKey.endings).isZero();
        assertThat(watches.open()).isEqualTo(1);
    }

    @Test
    void a_watch_rechecked_with_credentials_that_no_longer_hold_or_no_longer_reach_its_environment_ends() {
        Heard revoked = new Heard();
        Heard movedElsewhere = new Heard();
        Heard stillGood = new Heard();
        EvaluationAccess productionKey = new EvaluationAccess.SdkKey(PRODUCTION, KeyScope.Side.SERVER);
        EnvironmentWatches.Watch first = watch(PRODUCTION, productionKey, revoked);
        EnvironmentWatches.Watch second = watch(PRODUCTION, productionKey, movedElsewhere);
        EnvironmentWatches.Watch third = watch(PRODUCTION, productionKey, stillGood);
        settle();

        first.recheck(Optional.empty());
        second.recheck(Optional.of(new EvaluationAccess.SdkKey(STAGING, KeyScope.Side.SERVER)));
        third.recheck(Optional.of(productionKey));

        assertThat(revoked.endings).isEqualTo(1);
        assertThat(movedElsewhere.endings).isEqualTo(1);
        assertThat(stillGood.endings).isZero();
        assertThat(watches.open()).isEqualTo(1);
    }

    @Test
    void whoever_may_not_evaluate_in_an_environment_may_not_watch_it() {
        Heard heard = new Heard();

        assertThat(watchEnvironment.watch(new WatchEnvironment.Query(PRODUCTION, EvaluationAccess.ANONYMOUS, heard)))
                .isInstanceOf(Outcome.Unauthenticated.class);
        assertThat(watchEnvironment.watch(new WatchEnvironment.Query(
                        STAGING, new EvaluationAccess.SdkKey(PRODUCTION, KeyScope.Side.SERVER), heard)))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(watchEnvironment.watch(new WatchEnvironment.Query(new EnvironmentKey("qa"), SERVER, heard)))
                .isEqualTo(Outcome.notFound("environment 'qa'"));
        assertThat(watches.open()).isZero();
    }

    @Test
    void a_stopped_watch_hears_nothing_more_and_is_no_longer_open() {
        Heard heard = new Heard();
        EnvironmentWatches.Watch watch = watch(PRODUCTION, SERVER, heard);
        settle();
        assertThat(watches.open()).isEqualTo(1);

        watch.stop();
        watch.stop();
        toggle(PRODUCTION, true);
        settle();

        assertThat(watches.open()).isZero();
        assertThat(heard.events).isEmpty();
        assertThat(heard.endings).isZero();
    }

    @Test
    void ending_every_watch_tells_each_watcher_once() {
        Heard production = new Heard();
        Heard staging = new Heard();
        watch(PRODUCTION, SERVER, production);
        watch(STAGING, SERVER, staging);

        watches.endAll();
        watches.endAll();

        assertThat(production.endings).isEqualTo(1);
        assertThat(staging.endings).isEqualTo(1);
        assertThat(watches.open()).isZero();
    }

    private EnvironmentWatches.Watch watch(EnvironmentKey environment, EvaluationAccess access, Heard heard) {
        Outcome<EnvironmentWatches.Watch> outcome =
                watchEnvironment.watch(new WatchEnvironment.Query(environment, access, heard));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<EnvironmentWatches.Watch>) outcome).value();
    }

    /** Runs what was handed to the watches' executor, and what that hands on, until nothing is left. */
    private void settle() {
        for (Runnable task = handedOff.poll(); task != null; task = handedOff.poll()) {
            task.run();
        }
    }

    private String version(EnvironmentKey environment) {
        return ((Outcome.Done<GetConfigSnapshot.Snapshot>)
                        useCases.getConfigSnapshot.get(new GetConfigSnapshot.Query(environment, SERVER)))
                .value()
                .version();
    }

    private void toggle(EnvironmentKey environment, boolean enabled) {
        var command = new ChangeFlagConfig.Command(
                UseCases.ADMIN, DARK_MODE, environment, OptionalLong.empty(), new ConfigChange.Toggle(enabled));
        assertThat(useCases.changeConfig.change(command)).isInstanceOf(Outcome.Done.class);
    }

    /** Everything a watcher was told. */
    private static final class Heard implements EnvironmentWatches.Watcher {
        private final List<String> events = new ArrayList<>();
        private int endings;

        @Override
        public void changed(String version) {
            events.add(version);
        }

        @Override
        public void ended() {
            endings++;
        }
    }
}
