package dev.bunting.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.adapter.http.EvaluationApiModule;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.composition.KeyRateLimitModule;
import dev.bunting.composition.SharedState;
import dev.bunting.composition.SigningSecret;
import dev.bunting.domain.port.Store;
import jakarta.inject.Singleton;

/** The evaluation function's object graph, built once per execution environment: evaluation's routes only. */
@Singleton
@Component(modules = {LambdaModule.class, KeyRateLimitModule.class, EvaluationApiModule.class})
interface EvaluationComponent {

    HttpApi api();

    MeasurementBuffer measurementBuffer();

    default ApiGatewayHandler.Served served() {
        return new ApiGatewayHandler.Served(api(), measurementBuffer());
    }

    @Component.Factory
    interface Factory {
        EvaluationComponent create(
                @BindsInstance LambdaSettings settings,
                @BindsInstance Store store,
                @BindsInstance LazyMeasurements measurements,
                @BindsInstance SharedState shared,
                @BindsInstance SigningSecret signingSecret);
    }
}
