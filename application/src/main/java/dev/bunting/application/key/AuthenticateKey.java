package dev.bunting.application.key;

import dev.bunting.application.StoreBreaker;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeySecret;
import dev.bunting.domain.port.KeyCache;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the working key a presented secret belongs to. Lookups go through the {@link KeyCache}, so a key in steady use
 * costs no store round trip; a miss finds the key by prefix, checks the digest, and notes when the key was last used,
 * at most once a minute so that evaluation traffic does not turn into writes.
 *
 * <p>While the store cannot be reached, an SDK key this instance has checked before goes on working (see
 * {@link KnownKeys}), so that evaluations with it keep answering. Misses go through the {@link StoreBreaker}, as
 * evaluations' config loads do: a key with a known answer to fall back on waits only briefly for the store.
 */
public final class AuthenticateKey {

    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Store store;
    private final KeyCache cache;
    private final KnownKeys known;
    private final StoreBreaker breaker;
    private final Clock clock;

    @Inject
    public AuthenticateKey(Store store, KeyCache cache, KnownKeys known, StoreBreaker breaker, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.known = known;
        this.breaker = breaker;
        this.clock = clock;
    }

    /**
     * @return empty when the text is no secret of a key that exists and is not revoked
     * @throws StoreUnavailableException when the store cannot say, and the secret is not that of a known SDK key
     */
    public Optional<AccessKey> authenticate(String presented) {
        return KeySecret.parse(presented).flatMap(this::authenticate);
    }

    /** The digest is taken once: this runs on every evaluation that carries a key. */
    private Optional<AccessKey> authenticate(KeySecret secret) {
        String digest = secret.digest();
        Optional<AccessKey> found;
        try {
            found = cache.get(digest, d -> load(secret, digest));
        } catch (StoreUnavailableException e) {
            Optional<AccessKey> last = known.find(digest);
            if (last.isEmpty()) {
                throw e;
            }
            return last;
        }
        known.checked(digest, found);
        return found;
    }

    private Optional<AccessKey> load(KeySecret secret, String digest) {
        Supplier<Optional<AccessKey>> read = () -> {
            Instant now = clock.instant();
            return store.inTransaction(repositories -> {
                Optional<AccessKey> found = repositories
                        .keys()
                        .findByPrefix(secret.prefix())
                        .filter(key -> KeySecret.sameDigest(digest, key.digest()))
                        .filter(key -> !key.isRevoked());
                found.filter(key -> key.lastUsedAt() == null
                                || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now))
                        .ifPresent(key -> repositories.keys().markUsed(key.id(), now));
                return found;
            });
        };
        return known.find(secret.digest()).isPresent() ? breaker.readBriefly(read) : breaker.read(read);
    }
}
