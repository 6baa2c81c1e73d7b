package dev.bunting.adapter.http;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.util.List;

/** Every route, for a runtime that serves the whole API from one process: the local runner. */
@Module
public interface WholeApiModule {

    /** The dashboard and Swagger UI, in a runtime that binds them; without, the API is served alone. */
    @BindsOptionalOf
    BrowserPages browserPages();

    @Provides
    @Singleton
    static HttpApi api(
            EvaluationApiModule.Routes evaluation, ManagementApiModule.Routes management, ApiServices services) {
        return new HttpApi(
                List.of(
                        management.flags,
                        management.configs,
                        management.environments,
                        evaluation.evaluation,
                        evaluation.ofrep,
                        evaluation.sdk,
                        management.health,
                        management.auth,
                        management.keys,
                        management.audit,
                        management.experiments,
                        management.stats,
                        management.history,
                        management.pages,
                        evaluation.events),
                services);
    }
}
