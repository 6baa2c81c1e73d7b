package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.List;

/** A flag's definition with its config in every environment, for whoever may read. */
public final class GetFlag {

    private final Store store;

    @Inject
    public GetFlag(Store store) {
        this.store = store;
    }

    public record FlagView(Flag flag, List<EnvironmentConfig> configs) {
        public FlagView {
            configs = List.copyOf(configs);
        }
    }

    public Outcome<FlagView> get(Principal principal, FlagKey key) {
        return Permissions.<FlagView>refusal(principal, Action.READ).orElseGet(() -> find(key));
    }

    private Outcome<FlagView> find(FlagKey key) {
        return store.inTransaction(repositories -> repositories
                .flags()
                .find(key)
                .<Outcome<FlagView>>map(flag -> {
                    List<EnvironmentConfig> configs = repositories.environments().list().stream()
                            .map(Environment::key)
                            .map(environment -> repositories
                                    .flags()
                                    .findConfig(key, environment)
                                    .orElse(EnvironmentConfig.initial(flag, environment)))
                            .toList();
                    return Outcome.done(new FlagView(flag, configs));
                })
                .orElse(Outcome.notFound("flag '" + key + "'")));
    }
}
