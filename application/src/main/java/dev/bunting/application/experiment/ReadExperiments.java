package dev.bunting.application.experiment;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.ExperimentQuery;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Experiments as every signed-in role may read them. */
public final class ReadExperiments {

    private final Store store;

    @Inject
    public ReadExperiments(Store store) {
        this.store = store;
    }

    public Outcome<List<Experiment>> list(Principal principal, ExperimentQuery query) {
        Optional<Outcome<List<Experiment>>> refused = Permissions.refusal(principal, Action.READ);
        return refused.orElseGet(
                () -> Outcome.done(store.inTransaction(r -> r.experiments().list(query))));
    }

    public Outcome<Experiment> get(Principal principal, ExperimentKey key) {
        Optional<Outcome<Experiment>> refused = Permissions.refusal(principal, Action.READ);
        return refused.orElseGet(() -> store.inTransaction(r -> r.experiments()
                .find(key)
                .<Outcome<Experiment>>map(Outcome::done)
                .orElse(Outcome.notFound("experiment '" + key + "'"))));
    }
}
