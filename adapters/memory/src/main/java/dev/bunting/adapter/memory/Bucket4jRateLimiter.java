package dev.bunting.adapter.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bunting.domain.port.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per key in this process: {@code perSecond} requests a second sustained, bursts up to {@code burst}.
 * Buckets of keys gone quiet are dropped (a dropped bucket comes back full, which only ever errs towards admitting),
 * and their number is bounded, so made-up keys cannot grow the heap. Time comes from the injected clock.
 */
public final class Bucket4jRateLimiter implements RateLimiter {

    private final Cache<String, Bucket> buckets;
    private final long perSecond;
    private final long burst;
    private final TimeMeter time;

    public Bucket4jRateLimiter(Clock clock, long perSecond, long burst) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "a rate limit needs at least one request a second and a burst of at least one");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.time = new ClockTime(clock);
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .build();
    }

    @Override
    public Duration acquire(String key) {
        ConsumptionProbe probe = buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            var now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
