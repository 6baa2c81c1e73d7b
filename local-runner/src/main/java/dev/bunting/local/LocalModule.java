package dev.bunting.local;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.IdGenerator;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Wires the ports to their adapters for the local runner. */
@Module
interface LocalModule {

    @Provides
    @Singleton
    static Clock clock() {
        // PostgreSQL keeps microseconds: a finer clock would answer a write with a timestamp that later reads can't match
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }

    @Provides
    @Singleton
    static Evaluator evaluator() {
        return Evaluators.standard();
    }

    @Provides
    @Singleton
    static ConfigCache configCache() {
        return new InProcessConfigCache();
    }

    @Provides
    @Singleton
    static IdGenerator ids() {
        return new RandomIdGenerator();
    }

    @Provides
    static ApiSettings apiSettings(RunnerSettings settings) {
        return new ApiSettings(settings.maxBodyBytes());
    }
}
