package dev.bunting.adapter.http;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;

/** The maps in which this adapter keeps what it built for an environment, bounded as the config cache is. */
final class PerEnvironment {

    private PerEnvironment() {}

    /**
     * A concurrent map of at most {@code capacity} entries: past that, Caffeine's eviction drops the least used
     * (frequency and recency both count, so an environment asked for all the time stays). Eviction runs on the calling
     * thread, so that nothing works between requests (a Lambda function is frozen then). Its compute holds the key's
     * lock while the function runs, as {@link java.util.concurrent.ConcurrentHashMap}'s does.
     */
    static <K, V> ConcurrentMap<K, V> holding(int capacity) {
        return Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .<K, V>build()
                .asMap();
    }
}
