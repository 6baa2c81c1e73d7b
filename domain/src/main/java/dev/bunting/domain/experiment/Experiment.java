package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A test of a flag's variants in one environment. The variants under test are those the flag's fallthrough split
 * serves there; units the split assigns are the experiment's units, and the metrics say what is measured on them.
 *
 * <p>The state machine: a draft starts (opening phase 1 with the split's weights), runs (a weight change opens the
 * next phase), stops with a decision, and is archived. Every transition returns a new experiment one version later.
 *
 * @param control  the variant the others are compared with
 * @param phases   oldest first; empty for a draft
 * @param decision present once stopped
 * @param version  for optimistic concurrency, as flag configs have; 1 when created
 */
public record Experiment(
        ExperimentKey key,
        String name,
        String hypothesis,
        FlagKey flag,
        EnvironmentKey environment,
        VariantKey control,
        List<Metric> metrics,
        ExperimentStatus status,
        List<Phase> phases,
        Optional<Decision> decision,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int MAX_METRICS = 20;

    public Experiment {
        Checks.requirePresent("key", key);
        Checks.requireText("name", name, 200);
        Checks.requireMaxLength("hypothesis", hypothesis, 2_000);
        Checks.requirePresent("flag", flag);
        Checks.requirePresent("environment", environment);
        Checks.requirePresent("control", control);
        metrics = List.copyOf(Checks.requireEntries("metrics", metrics));
        Checks.requireMaxSize("metrics", metrics, MAX_METRICS);
        requireDistinctMetricKeys(metrics);
        Checks.requirePresent("status", status);
        phases = List.copyOf(Checks.requireEntries("phases", phases));
        Checks.requirePresent("decision", decision);
        Checks.requirePresent("created_at", createdAt);
        Checks.requirePresent("updated_at", updatedAt);
        if (status == ExperimentStatus.RUNNING
                && (phases.isEmpty() || !phases.getLast().isOpen())) {
            throw new IllegalArgumentException("a running experiment has an open phase");
        }
    }

    /** A new experiment, not yet collecting units. */
    public static Experiment draft(
            ExperimentKey key,
            String name,
            String hypothesis,
            FlagKey flag,
            EnvironmentKey environment,
            VariantKey control,
            List<Metric> metrics,
            Instant at) {
        return new Experiment(
                key,
                name,
                hypothesis,
                flag,
                environment,
                control,
                metrics,
                ExperimentStatus.DRAFT,
                List.of(),
                Optional.empty(),
                at,
                at,
                1);
    }

    /** The phase collecting units now, if the experiment runs. */
    public Optional<Phase> currentPhase() {
        return status == ExperimentStatus.RUNNING ? Optional.of(phases.getLast()) : Optional.empty();
    }

    public Optional<Phase> phase(int number) {
        return phases.stream().filter(p -> p.number() == number).findFirst();
    }

    /** Why this experiment cannot start with {@code split}, if it cannot. */
    public Optional<String> refusalToStart(Split split) {
        if (status != ExperimentStatus.DRAFT) {
            return Optional.of("only a draft can start; this experiment is " + describe(status));
        }
        if (metrics.isEmpty()) {
            return Optional.of("an experiment measures something: add a metric before starting it");
        }
        return refusalOfSplit(split);
    }

    /** Opens phase 1 with the split's weights. Check {@link #refusalToStart} first. */
    public Experiment start(Split split, Instant at) {
        requireNoRefusal(refusalToStart(split));
        return next(ExperimentStatus.RUNNING, List.of(Phase.first(split, at)), decision, at);
    }

    /**
     * Follows a change of the flag's split: a running experiment whose weights changed ends its phase and opens the
     * next. Anything else is unchanged.
     */
    public Experiment followSplit(Split split, Instant at) {
        Optional<Phase> current = currentPhase();
        if (current.isEmpty() || current.get().split().equals(split)) {
            return this;
        }
        List<Phase> updated = new ArrayList<>(phases.subList(0, phases.size() - 1));
        updated.add(current.get().endedAt(at));
        updated.add(current.get().next(split, at));
        return next(status, updated, decision, at);
    }

    /**
     * Why the flag's fallthrough may not become {@code fallthrough} while this experiment runs, if it may not: the
     * experiment's units come from its split, so the split must stay and keep the control and another variant.
     */
    public Optional<String> refusalToServe(Serve fallthrough) {
        if (status != ExperimentStatus.RUNNING) {
            return Optional.empty();
        }
        if (!(fallthrough instanceof Serve.Percentage percentage)) {
            return Optional.of("experiment '" + key + "' runs on this flag's split in " + environment
                    + "; stop it, with a decision, before serving one variant to everyone");
        }
        return refusalOfSplit(percentage.split()).map(reason -> "experiment '" + key + "' runs here: " + reason);
    }

    /** Why this experiment cannot stop with {@code chosen}, if it cannot. */
    public Optional<String> refusalToStop(Decision chosen) {
        if (status != ExperimentStatus.RUNNING) {
            return Optional.of("only a running experiment can stop; this experiment is " + describe(status));
        }
        Optional<VariantKey> shipped = chosen.variant();
        Split split = phases.getLast().split();
        if (shipped.isPresent()
                && split.weights().stream().noneMatch(w -> w.variant().equals(shipped.get()))) {
            return Optional.of("variant '" + shipped.get() + "' is not one of the variants under test");
        }
        return Optional.empty();
    }

    /** Ends the current phase and records the decision. Check {@link #refusalToStop} first. */
    public Experiment stop(Decision chosen, Instant at) {
        requireNoRefusal(refusalToStop(chosen));
        List<Phase> updated = new ArrayList<>(phases.subList(0, phases.size() - 1));
        updated.add(phases.getLast().endedAt(at));
        return next(ExperimentStatus.STOPPED, updated, Optional.of(chosen), at);
    }

    public Optional<String> refusalToArchive() {
        if (status == ExperimentStatus.RUNNING) {
            return Optional.of("a running experiment must stop, with a decision, before it is archived");
        }
        if (status == ExperimentStatus.ARCHIVED) {
            return Optional.of("the experiment is archived already");
        }
        return Optional.empty();
    }

    public Experiment archive(Instant at) {
        requireNoRefusal(refusalToArchive());
        return next(ExperimentStatus.ARCHIVED, phases, decision, at);
    }

    /** Why these details cannot replace the current ones, if they cannot. */
    public Optional<String> refusalToEdit(VariantKey newControl) {
        if (status == ExperimentStatus.ARCHIVED) {
            return Optional.of("an archived experiment cannot change");
        }
        if (status != ExperimentStatus.DRAFT && !newControl.equals(control)) {
            return Optional.of("the control can change only while the experiment is a draft");
        }
        return Optional.empty();
    }

    /**
     * New name, hypothesis, control and metrics. Metrics may change while the experiment runs or after: results are
     * computed from the events, so a metric added later covers the whole phase.
     */
    public Experiment edit(
            String newName, String newHypothesis, VariantKey newControl, List<Metric> newMetrics, Instant at) {
        requireNoRefusal(refusalToEdit(newControl));
        return new Experiment(
                key,
                newName,
                newHypothesis,
                flag,
                environment,
                newControl,
                newMetrics,
                status,
                phases,
                decision,
                createdAt,
                at,
                version + 1);
    }

    private Optional<String> refusalOfSplit(Split split) {
        Set<VariantKey> weighted = new HashSet<>();
        split.weights().stream().filter(w -> w.basisPoints() > 0).forEach(w -> weighted.add(w.variant()));
        if (!weighted.contains(control)) {
            return Optional.of("the flag's split in " + environment + " gives the control '" + control
                    + "' no units; give it a weight first");
        }
        if (weighted.size() < 2) {
            return Optional.of("the flag's split in " + environment
                    + " serves only the control; give at least one other variant a weight first");
        }
        return Optional.empty();
    }

    private Experiment next(
            ExperimentStatus newStatus, List<Phase> newPhases, Optional<Decision> newDecision, Instant at) {
        return new Experiment(
                key,
                name,
                hypothesis,
                flag,
                environment,
                control,
                metrics,
                newStatus,
                newPhases,
                newDecision,
                createdAt,
                at,
                version + 1);
    }

    private static void requireNoRefusal(Optional<String> refusal) {
        refusal.ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
    }

    private static void requireDistinctMetricKeys(List<Metric> metrics) {
        Set<MetricKey> seen = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            if (!seen.add(metrics.get(i).key())) {
                throw InvalidInputException.of(
                        "metrics[" + i + "].key",
                        "duplicate",
                        "metric '" + metrics.get(i).key() + "' appears twice");
            }
        }
    }

    private static String describe(ExperimentStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
