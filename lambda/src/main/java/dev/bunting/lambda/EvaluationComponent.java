package dev.bunting.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.adapter.http.EvaluationApiModule;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.domain.port.Store;
import dev.bunting.wiring.KeyRateLimitModule;
import dev.bunting.wiring.SigningSecret;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The evaluation function's object graph, built once per execution environment: evaluation's routes only. */
@Singleton
@Component(modules = {LambdaModule.class, KeyRateLimitModule.class, EvaluationApiModule.class})
interface EvaluationComponent {

    HttpApi api();

    @Component.Factory
    interface Factory {
        EvaluationComponent create(
                @BindsInstance LambdaSettings settings,
                @BindsInstance Store store,
                @BindsInstance Optional<RedisCalls> redis,
                @BindsInstance SigningSecret signingSecret);
    }
}
