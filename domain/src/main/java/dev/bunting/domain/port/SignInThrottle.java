package dev.bunting.domain.port;

import java.time.Duration;

/**
 * Slows down password guessing: counts failed sign-ins per key (an account, a source address) over a sliding window
 * and says how long a key must wait once it has failed too often. A key waits while its failures within the window
 * number at least the limit, so the wait ends when enough of them have left the window to bring it below.
 *
 * <p>An adapter that keeps its counts elsewhere throws {@link ThrottleUnavailableException} when it cannot reach them.
 */
public interface SignInThrottle {

    /** @return how long {@code key} must wait before its next attempt; zero when it may try now */
    Duration waitBefore(String key);

    void recordFailure(String key);

    /** Forgets the key's failures, so a user who finally remembers their password starts afresh. */
    void recordSuccess(String key);
}
