package dev.bunting.lambda;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.http.RequestLog;
import dev.bunting.composition.CoreModule;
import dev.bunting.composition.RuntimeSettings;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.MeasurementLog;
import jakarta.inject.Singleton;

/** What every API function binds, on top of what every runtime shares. */
@Module(includes = CoreModule.class)
interface LambdaModule {

    /** A Lambda function answers each request once, through API Gateway: it cannot hold an event stream open. */
    @Provides
    static ApiSettings apiSettings(LambdaSettings settings) {
        return new ApiSettings(settings.maxBodyBytes(), false);
    }

    /** Measurement is written to and read from the store's PostgreSQL, connected on first use as the store is. */
    @Binds
    MeasurementLog measurementLog(LazyMeasurements measurements);

    @Binds
    ExperimentMeasurements experimentMeasurements(LazyMeasurements measurements);

    @Binds
    MeasurementHistory measurementHistory(LazyMeasurements measurements);

    /** Lambda deployments register, limit sign-ins and keys and cache configs as the local runner does, as configured. */
    @Binds
    RuntimeSettings runtimeSettings(LambdaSettings settings);

    /** Lambda sends each line on standard output to CloudWatch Logs as one event, so no buffering here. */
    @Provides
    @Singleton
    static RequestLog requestLog() {
        return entry -> System.out.println(entry.toJsonLine());
    }
}
