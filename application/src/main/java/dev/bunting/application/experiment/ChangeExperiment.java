package dev.bunting.application.experiment;

import dev.bunting.application.Outcome;
import dev.bunting.application.experiment.ExperimentWrites.Step;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Decision;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Every change to an existing experiment: its details, and its lifecycle from start to archive. */
public final class ChangeExperiment {

    private final ExperimentWrites writes;

    @Inject
    public ChangeExperiment(ExperimentWrites writes) {
        this.writes = writes;
    }

    /** @param expectedVersion when given, the change happens only if the experiment is still at this version */
    public record Target(Principal principal, ExperimentKey key, OptionalLong expectedVersion) {}

    /**
     * @param flag        when given, must be the experiment's: an experiment never moves to another flag
     * @param environment when given, must be the experiment's
     */
    public record Details(
            String name,
            String hypothesis,
            VariantKey control,
            List<Metric> metrics,
            Optional<FlagKey> flag,
            Optional<EnvironmentKey> environment) {

        public Details(String name, String hypothesis, VariantKey control, List<Metric> metrics) {
            this(name, hypothesis, control, metrics, Optional.empty(), Optional.empty());
        }
    }

    /** New name, hypothesis, control (while a draft) and metrics. */
    public Outcome<Experiment> edit(Target target, Details details) {
        return writes.change(
                target.principal(), target.key(), target.expectedVersion(), "experiment.updated", (current, r, at) -> {
                    if (details.flag().filter(f -> !f.equals(current.flag())).isPresent()) {
                        throw InvalidInputException.of("flag", "immutable", "an experiment's flag cannot change");
                    }
                    if (details.environment()
                            .filter(e -> !e.equals(current.environment()))
                            .isPresent()) {
                        throw InvalidInputException.of(
                                "environment", "immutable", "an experiment's environment cannot change");
                    }
                    if (!details.control().equals(current.control())) {
                        requireVariant(r, current, details.control(), "control");
                    }
                    return Step.of(
                            current.refusalToEdit(details.control()),
                            () -> current.edit(
                                    details.name(), details.hypothesis(), details.control(), details.metrics(), at));
                });
    }

    /** Starts collecting units, with the weights the flag's fallthrough split has in the experiment's environment. */
    public Outcome<Experiment> start(Target target) {
        return writes.change(
                target.principal(), target.key(), target.expectedVersion(), "experiment.started", (current, r, at) -> {
                    Optional<String> archived = r.flags().find(current.flag()).flatMap(Flag::refusalToChange);
                    if (archived.isPresent()) {
                        return new Step.Refused(archived.get());
                    }
                    Optional<Serve.Percentage> split = fallthroughSplit(r, current);
                    if (split.isEmpty()) {
                        return new Step.Refused("flag '" + current.flag() + "' serves one variant to everyone in '"
                                + current.environment()
                                + "'; give its fallthrough a split over the variants under test first");
                    }
                    Optional<Experiment> running = r.experiments().running(current.flag(), current.environment());
                    if (running.isPresent()) {
                        return new Step.Refused("experiment '" + running.get().key() + "' already runs on flag '"
                                + current.flag() + "' in '" + current.environment() + "'; stop it first");
                    }
                    return Step.of(
                            current.refusalToStart(split.get().split()),
                            () -> current.start(split.get().split(), at));
                });
    }

    /** Stops collecting units and records the decision. */
    public Outcome<Experiment> stop(Target target, Decision decision) {
        return writes.change(
                target.principal(),
                target.key(),
                target.expectedVersion(),
                "experiment.stopped",
                (current, r, at) -> Step.of(current.refusalToStop(decision), () -> current.stop(decision, at)));
    }

    public Outcome<Experiment> archive(Target target) {
        return writes.change(
                target.principal(),
                target.key(),
                target.expectedVersion(),
                "experiment.archived",
                (current, r, at) -> Step.of(current.refusalToArchive(), () -> current.archive(at)));
    }

    private static Optional<Serve.Percentage> fallthroughSplit(Store.Repositories r, Experiment experiment) {
        Optional<Flag> flag = r.flags().find(experiment.flag());
        if (flag.isEmpty()) {
            return Optional.empty();
        }
        EnvironmentConfig config = r.flags()
                .findConfig(experiment.flag(), experiment.environment())
                .orElse(EnvironmentConfig.initial(flag.get(), experiment.environment()));
        return config.config().fallthrough() instanceof Serve.Percentage percentage
                ? Optional.of(percentage)
                : Optional.empty();
    }

    private static void requireVariant(Store.Repositories r, Experiment experiment, VariantKey variant, String field) {
        boolean known = r.flags()
                .find(experiment.flag())
                .map(f -> f.hasVariant(variant))
                .orElse(false);
        if (!known) {
            throw InvalidInputException.of(
                    field, "unknown_variant", "flag '" + experiment.flag() + "' has no variant '" + variant + "'");
        }
    }
}
