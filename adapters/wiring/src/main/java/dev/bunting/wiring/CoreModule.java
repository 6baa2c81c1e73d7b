package dev.bunting.wiring;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.IdGenerator;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The bindings every runtime shares. Each runtime's own module adds its store, settings and request log. */
@Module
public interface CoreModule {

    /** PostgreSQL keeps microseconds: a finer clock would answer a write with a timestamp that later reads can't match. */
    @Provides
    @Singleton
    static Clock clock() {
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

    /** Draws from the JDK's SecureRandom on each call, which SnapStart reseeds after a restore. */
    @Provides
    @Singleton
    static IdGenerator ids() {
        return new RandomIdGenerator();
    }
}
