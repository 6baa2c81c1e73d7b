package dev.bunting.local;

import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.http.RequestLog;
import dev.bunting.application.evaluation.EnvironmentWatches;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.application.identity.PromoteToAdmin;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.SharedState;
import dev.bunting.composition.SigningSecret;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.MeasurementLog;
import dev.bunting.domain.port.Store;
import jakarta.inject.Singleton;

/** The local runner's object graph, built once per process. */
@Singleton
@Component(modules = LocalModule.class)
interface LocalComponent {

    HttpApi api();

    EnvironmentWatches watches();

    BootstrapAdmin bootstrapAdmin();

    MeasurementBuffer measurementBuffer();

    MeasurementSettings measurementSettings();

    PromoteToAdmin promoteToAdmin();

    @Component.Factory
    interface Factory {
        LocalComponent create(
                @BindsInstance RunnerSettings settings,
                @BindsInstance Store store,
                @BindsInstance MeasurementLog measurementLog,
                @BindsInstance ExperimentMeasurements experimentMeasurements,
                @BindsInstance MeasurementHistory measurementHistory,
                @BindsInstance SharedState shared,
                @BindsInstance RequestLog requestLog,
                @BindsInstance SigningSecret jwtSecret);
    }
}
