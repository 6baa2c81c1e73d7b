package dev.bunting.composition;

import dagger.Module;
import dagger.Provides;
import dev.bunting.domain.port.RateLimiter;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The per-key limit on evaluation requests, for a runtime that serves evaluation (BUNTING_KEY_RATE_LIMIT). */
@Module
public interface KeyRateLimitModule {

    @Provides
    @Singleton
    static RateLimiter keyRateLimiter(Clock clock, KeyRateLimit limit) {
        return limit.limiter(clock);
    }
}
