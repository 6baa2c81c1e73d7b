package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Changes a flag's config in one environment: replace it whole, toggle it, set a rollout, or add or remove a target. */
public final class ChangeFlagConfig {

    private final Store store;
    private final ConfigCache cache;
    private final Evaluator evaluator;
    private final EnvironmentRules rules;
    private final Clock clock;

    @Inject
    public ChangeFlagConfig(Store store, ConfigCache cache, Evaluator evaluator, EnvironmentRules rules, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.evaluator = evaluator;
        this.rules = rules;
        this.clock = clock;
    }

    /** @param expectedVersion the config version the caller read; when absent the change applies to the current config */
    public record Command(
            Principal principal,
            FlagKey flag,
            EnvironmentKey environment,
            OptionalLong expectedVersion,
            ConfigChange change) {}

    /**
     * A change that names no version applies to whatever is current when it commits: where a concurrent writer got in
     * between this one's read and its write, it reads again and reapplies, rather than answer a conflict the caller
     * never asked to be told of. Each retry follows another writer's commit, so the writers as a whole always progress.
     */
    public Outcome<EnvironmentConfig> change(Command command) {
        Outcome<EnvironmentConfig> outcome;
        do {
            outcome = store.inTransaction(repositories -> attempt(command, repositories));
        } while (command.expectedVersion().isEmpty() && outcome instanceof Outcome.VersionConflict);
        cache.invalidate(command.environment());
        if (outcome instanceof Outcome.Done) {
            // a kill switch must hold from the answer on, however large the config: the answer waits until it is ready
            rules.reload(command.environment());
        }
        return outcome;
    }

    private Outcome<EnvironmentConfig> attempt(Command command, Store.Repositories repositories) {
        Instant now = clock.instant();
        String resource = "flag '" + command.flag() + "' in '" + command.environment() + "'";
        Optional<Flag> flag = repositories.flags().find(command.flag());
        if (flag.isEmpty()) {
            return Outcome.notFound("flag '" + command.flag() + "'");
        }
        Optional<Environment> environment = repositories.environments().find(command.environment());
        if (environment.isEmpty()) {
            return Outcome.notFound("environment '" + command.environment() + "'");
        }
        Optional<Outcome<EnvironmentConfig>> refused = Permissions.refusal(
                command.principal(), Action.CHANGE_CONFIG, environment.get().isProtected());
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> archived = flag.get().refusalToChange();
        if (archived.isPresent()) {
            return new Outcome.Refused<>(archived.get());
        }
        EnvironmentConfig current = repositories
                .flags()
                .findConfig(command.flag(), command.environment())
                .orElse(EnvironmentConfig.initial(flag.get(), command.environment()));
        if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
            return new Outcome.VersionConflict<>(resource, current.version());
        }
        FlagConfig changed;
        switch (ConfigChange.apply(command.change(), flag.get(), current.config())) {
            case ConfigChange.Applied.Refused refusal -> {
                return new Outcome.Refused<>(refusal.reason());
            }
            case ConfigChange.Applied.Changed applied -> changed = applied.config();
        }
        changed.checkVariantsExistIn(flag.get());
        List<FieldViolation> problems = evaluator.compileProblems(flag.get(), changed);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Optional<Experiment> experiment = repositories.experiments().running(command.flag(), command.environment());
        Optional<String> experimentRefusal = experiment.flatMap(e -> e.refusalToServe(changed.fallthrough()));
        if (experimentRefusal.isPresent()) {
            return new Outcome.Refused<>(experimentRefusal.get());
        }
        EnvironmentConfig next = current.next(changed, now);
        if (!repositories.flags().saveConfig(next)) {
            return new Outcome.VersionConflict<>(resource, current.version());
        }
        experiment.ifPresent(e -> followSplit(e, changed, command, repositories, now));
        repositories
                .audit()
                .record(new AuditEntry(
                        command.principal().actor(),
                        command.change().action(),
                        Entity.flag(command.flag()),
                        command.environment(),
                        current,
                        next,
                        now));
        return Outcome.done(next);
    }

    /** A running experiment's weights follow the split's: a change opens its next phase, audited with the config's. */
    private static void followSplit(
            Experiment experiment, FlagConfig config, Command command, Store.Repositories repositories, Instant now) {
        Experiment followed = experiment.followSplit(((Serve.Percentage) config.fallthrough()).split(), now);
        if (followed == experiment) {
            return;
        }
        if (!repositories.experiments().update(followed)) {
            throw new IllegalStateException("experiment '" + experiment.key() + "' changed within this transaction");
        }
        repositories
                .audit()
                .record(new AuditEntry(
                        command.principal().actor(),
                        "experiment.phase_started",
                        Entity.experiment(experiment.key()),
                        command.environment(),
                        experiment,
                        followed,
                        now));
    }
}
