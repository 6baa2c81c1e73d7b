package dev.bunting.adapter.http;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The routes SDKs and applications call to evaluate, the hot path: {@code /evaluate}, OFREP, {@code /sdk}, and
 * {@code /events} for what SDKs measured. They
 * need no password hashing and no token issuing, so a runtime serving only these can go without both.
 */
@Module
public interface EvaluationApiModule {

    /** The route groups, built by Dagger; the groups themselves stay package-private. */
    final class Routes {
        final EvaluationRoutes evaluation;
        final OfrepRoutes ofrep;
        final SdkRoutes sdk;
        final EventRoutes events;

        @Inject
        Routes(EvaluationRoutes evaluation, OfrepRoutes ofrep, SdkRoutes sdk, EventRoutes events) {
            this.evaluation = evaluation;
            this.ofrep = ofrep;
            this.sdk = sdk;
            this.events = events;
        }
    }

    @Provides
    @Singleton
    static HttpApi api(Routes routes, ApiServices services) {
        return new HttpApi(List.of(routes.evaluation, routes.ofrep, routes.sdk, routes.events), services);
    }
}
