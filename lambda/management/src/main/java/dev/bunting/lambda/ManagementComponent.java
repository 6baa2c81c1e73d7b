package dev.bunting.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.dashboard.Dashboard;
import dev.bunting.adapter.http.ApiResponse;
import dev.bunting.adapter.http.BrowserPages;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.http.ManagementApiModule;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.composition.SharedState;
import dev.bunting.composition.SigningSecret;
import dev.bunting.composition.signin.SignInModule;
import dev.bunting.domain.port.RateLimiter;
import dev.bunting.domain.port.Store;
import jakarta.inject.Singleton;

/** The management function's object graph, built once per execution environment: every route but evaluation's. */
@Singleton
@Component(
        modules = {
            LambdaModule.class,
            SignInModule.class,
            ManagementApiModule.class,
            ManagementComponent.Limits.class,
            ManagementComponent.Pages.class
        })
interface ManagementComponent {

    HttpApi api();

    MeasurementBuffer measurementBuffer();

    default ApiGatewayHandler.Served served() {
        return new ApiGatewayHandler.Served(api(), measurementBuffer());
    }

    /** Keys are limited where they evaluate; a management route takes no rate limit, so this function holds no limiter. */
    @Module
    interface Limits {
        @Provides
        static RateLimiter none() {
            return RateLimiter.UNLIMITED;
        }
    }

    /** The dashboard and Swagger UI, served under the API's own origin (docs/dashboard.md): no other infrastructure. */
    @Module
    interface Pages {
        @Provides
        static BrowserPages browserPages(Dashboard dashboard) {
            return path ->
                    dashboard.serve(path).map(file -> new ApiResponse(file.status(), file.headers(), file.body()));
        }
    }

    @Component.Factory
    interface Factory {
        ManagementComponent create(
                @BindsInstance LambdaSettings settings,
                @BindsInstance Store store,
                @BindsInstance LazyMeasurements measurements,
                @BindsInstance SharedState shared,
                @BindsInstance SigningSecret signingSecret);
    }
}
