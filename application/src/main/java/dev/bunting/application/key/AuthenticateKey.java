package dev.bunting.application.key;

import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeySecret;
import dev.bunting.domain.port.KeyCache;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the working key a presented secret belongs to. Lookups go through the {@link KeyCache}, so a key in steady use
 * costs no store round trip; a miss finds the key by prefix, checks the digest, and notes when the key was last used,
 * at most once a minute so that evaluation traffic does not turn into writes.
 */
public final class AuthenticateKey {

    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Store store;
    private final KeyCache cache;
    private final Clock clock;

    @Inject
    public AuthenticateKey(Store store, KeyCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /** @return empty when the text is no secret of a key that exists and is not revoked */
    public Optional<AccessKey> authenticate(String presented) {
        return KeySecret.parse(presented).flatMap(secret -> cache.get(secret.digest(), digest -> load(secret)));
    }

    private Optional<AccessKey> load(KeySecret secret) {
        Instant now = clock.instant();
        return store.inTransaction(repositories -> {
            Optional<AccessKey> found = repositories.keys().findByPrefix(secret.prefix())
                    .filter(key -> secret.matches(key.digest()))
                    .filter(key -> !key.isRevoked());
            found.filter(key -> key.lastUsedAt() == null || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now))
                    .ifPresent(key -> repositories.keys().markUsed(key.id(), now));
            return found;
        });
    }
}
