package dev.bunting.composition;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.statistics.CommonsProbabilityDistributions;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.domain.experiment.statistics.StatisticsEngine;
import dev.bunting.domain.port.MeasurementLog;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * What experiments and measurement need beyond the store: the statistics engine on Commons Statistics, and the buffer
 * that server-side evaluations leave exposures and counts in. The runtime binds the {@link MeasurementLog} (its store's)
 * and the {@link MeasurementSettings} that suit how it runs.
 */
@Module
public interface MeasurementModule {

    @Provides
    @Singleton
    static StatisticsEngine statisticsEngine() {
        return new StatisticsEngine(new CommonsProbabilityDistributions());
    }

    @Provides
    @Singleton
    static MeasurementBuffer measurementBuffer(MeasurementLog log, Clock clock, MeasurementSettings settings) {
        return new MeasurementBuffer(log, clock, settings.capacity(), settings.countInterval());
    }
}
