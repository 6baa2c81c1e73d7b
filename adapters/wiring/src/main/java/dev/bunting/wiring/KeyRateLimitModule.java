package dev.bunting.wiring;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.memory.Bucket4jRateLimiter;
import dev.bunting.domain.port.RateLimiter;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The per-key limit on evaluation requests, for a runtime that serves evaluation (BUNTING_KEY_RATE_LIMIT). */
@Module
public interface KeyRateLimitModule {

    /** Per key, in this process: each instance admits the rate on its own. */
    @Provides
    @Singleton
    static RateLimiter keyRateLimiter(Clock clock, KeyRateLimit limit) {
        return limit.isOn() ? new Bucket4jRateLimiter(clock, limit.perSecond(), limit.burst()) : RateLimiter.UNLIMITED;
    }
}
