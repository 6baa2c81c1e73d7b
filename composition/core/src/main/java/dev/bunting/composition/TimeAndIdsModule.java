package dev.bunting.composition;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.domain.port.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The clock and the ids every graph takes, the migration function's too. */
@Module
public interface TimeAndIdsModule {

    /** PostgreSQL keeps microseconds: a finer clock would answer a write with a timestamp that later reads can't match. */
    @Provides
    @Singleton
    static Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }

    /** Draws from the JDK's SecureRandom on each call, which SnapStart reseeds after a restore. */
    @Provides
    @Singleton
    static IdGenerator ids() {
        return new RandomIdGenerator();
    }
}
