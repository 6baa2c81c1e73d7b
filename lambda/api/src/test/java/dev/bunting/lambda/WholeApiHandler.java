package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.http.WholeApiModule;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.composition.KeyRateLimitModule;
import dev.bunting.composition.SharedState;
import dev.bunting.composition.SigningSecret;
import dev.bunting.composition.signin.SignInModule;
import dev.bunting.domain.port.Store;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * The shared handler over every route, for testing it apart from the two functions (whose modules depend on this
 * one): evaluation's routes and sign-in's, with each function's bindings.
 */
final class WholeApiHandler extends ApiGatewayHandler {

    @Singleton
    @Component(modules = {LambdaModule.class, KeyRateLimitModule.class, SignInModule.class, WholeApiModule.class})
    interface Graph {
        HttpApi api();

        MeasurementBuffer measurementBuffer();

        @Component.Factory
        interface Factory {
            Graph create(
                    @BindsInstance LambdaSettings settings,
                    @BindsInstance Store store,
                    @BindsInstance LazyMeasurements measurements,
                    @BindsInstance SharedState shared,
                    @BindsInstance SigningSecret signingSecret);
        }
    }

    WholeApiHandler(LambdaSettings settings, Supplier<SecretsManagerSecrets> secrets) {
        super(settings, secrets, (s, store, measurements, shared, signingSecret) -> {
            Graph graph = DaggerWholeApiHandler_Graph.factory().create(s, store, measurements, shared, signingSecret);
            return new Served(graph.api(), graph.measurementBuffer());
        });
    }

    /** Handles the event as Lambda would, which gives each invocation a context this handler does not read. */
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handleRequest(event, null);
    }
}
