package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.util.Optional;

/** A flag's config in one environment; the initial config (version 0) if it was never changed there. */
public final class GetFlagConfig {

    private final Store store;

    @Inject
    public GetFlagConfig(Store store) {
        this.store = store;
    }

    public Outcome<EnvironmentConfig> get(FlagKey flagKey, EnvironmentKey environment) {
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
