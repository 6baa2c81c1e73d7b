package dev.bunting.adapter.http;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every route but evaluation's: flags, configs, environments, accounts, keys, audit, experiments and their statistics,
 * counts over time, health, the OpenAPI document, and the browser's pages where the runtime has them.
 */
@Module
public interface ManagementApiModule {

    /** The route groups, built by Dagger; the groups themselves stay package-private. */
    final class Routes {
        final FlagRoutes flags;
        final ConfigRoutes configs;
        final EnvironmentRoutes environments;
        final HealthRoutes health;
        final AuthRoutes auth;
        final KeyRoutes keys;
        final AuditRoutes audit;
        final ExperimentRoutes experiments;
        final StatsRoutes stats;
        final HistoryRoutes history;
        final PageRoutes pages;

        @Inject
        Routes(
                FlagRoutes flags,
                ConfigRoutes configs,
                EnvironmentRoutes environments,
                HealthRoutes health,
                AuthRoutes auth,
                KeyRoutes keys,
                AuditRoutes audit,
                ExperimentRoutes experiments,
                StatsRoutes stats,
                HistoryRoutes history,
                PageRoutes pages) {
            this.flags = flags;
            this.configs = configs;
            this.environments = environments;
            this.health = health;
            this.auth = auth;
            this.keys = keys;
            this.audit = audit;
            this.experiments = experiments;
            this.stats = stats;
            this.history = history;
            this.pages = pages;
        }
    }

    /** The dashboard and Swagger UI, in a runtime that binds them; without, the API is served alone. */
    @BindsOptionalOf
    BrowserPages browserPages();

    @Provides
    @Singleton
    static HttpApi api(Routes routes, ApiServices services) {
        return new HttpApi(
                List.of(
                        routes.flags,
                        routes.configs,
                        routes.environments,
                        routes.health,
                        routes.auth,
                        routes.keys,
                        routes.audit,
                        routes.experiments,
                        routes.stats,
                        routes.history,
                        routes.pages),
                services);
    }
}
