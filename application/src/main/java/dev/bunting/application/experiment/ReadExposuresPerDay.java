package dev.bunting.application.experiment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Phase;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Units first exposed per UTC day and variant in one phase of an experiment: the time series beside its results, which
 * shows when traffic arrived and whether a variant stopped receiving it.
 */
public final class ReadExposuresPerDay {

    private final Store store;
    private final MeasurementHistory history;

    @Inject
    public ReadExposuresPerDay(Store store, MeasurementHistory history) {
        this.store = store;
        this.history = history;
    }

    /** @param phase the phase's number, or empty for the latest phase */
    public record Query(Principal principal, ExperimentKey experiment, OptionalInt phase) {}

    /** @param days one point per day and variant that had first exposures, oldest first */
    public record Exposures(Experiment experiment, Phase phase, List<VariantCount> days) {
        public Exposures {
            days = List.copyOf(days);
        }
    }

    public Outcome<Exposures> read(Query query) {
        Optional<Outcome<Exposures>> refused = Permissions.refusal(query.principal(), Action.READ);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Experiment> found = store.inTransaction(r -> r.experiments().find(query.experiment()));
        if (found.isEmpty()) {
            return Outcome.notFound("experiment '" + query.experiment() + "'");
        }
        Experiment experiment = found.get();
        Optional<Phase> phase = query.phase().isPresent()
                ? experiment.phase(query.phase().getAsInt())
                : experiment.phases().isEmpty()
                        ? Optional.<Phase>empty()
                        : Optional.of(experiment.phases().getLast());
        if (phase.isEmpty()) {
            return Outcome.notFound("phase "
                    + (query.phase().isPresent() ? query.phase().getAsInt() + " " : "")
                    + "of experiment '" + query.experiment() + "'");
        }
        return Outcome.done(new Exposures(
                experiment,
                phase.get(),
                history.firstExposuresPerDay(experiment.key(), phase.get().number())));
    }
}
