package dev.bunting.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.redis.RedisConnection;
import dev.bunting.domain.port.Store;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The Lambda function's object graph, built once per execution environment. */
@Singleton
@Component(modules = LambdaModule.class)
interface LambdaComponent {

    HttpApi api();

    @Component.Factory
    interface Factory {
        LambdaComponent create(@BindsInstance LambdaSettings settings, @BindsInstance Store store, @BindsInstance Optional<RedisConnection> redis);
    }
}
