package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.Optional;

/** A flag's config in one environment; the initial config (version 0) if it was never changed there; for whoever may read. */
public final class GetFlagConfig {

    private final Store store;

    @Inject
    public GetFlagConfig(Store store) {
        this.store = store;
    }

    public Outcome<EnvironmentConfig> get(Principal principal, FlagKey flagKey, EnvironmentKey environment) {
        return Permissions.<EnvironmentConfig>refusal(principal, Action.READ)
                .orElseGet(() -> find(flagKey, environment));
    }

    private Outcome<EnvironmentConfig> find(FlagKey flagKey, EnvironmentKey environment) {
        return store.inTransaction(repositories -> {
            Optional<Flag> flag = repositories.flags().find(flagKey);
            if (flag.isEmpty()) {
                return Outcome.notFound("flag '" + flagKey + "'");
            }
            if (repositories.environments().find(environment).isEmpty()) {
                return Outcome.notFound("environment '" + environment + "'");
            }
            return Outcome.done(repositories
                    .flags()
                    .findConfig(flagKey, environment)
                    .orElse(EnvironmentConfig.initial(flag.get(), environment)));
        });
    }
}
